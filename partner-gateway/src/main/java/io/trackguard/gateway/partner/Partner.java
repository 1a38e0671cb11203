package io.trackguard.gateway.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A partner retailer as the gateway records it: plan, sensitivity, its Keycloak client. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "display_name", nullable = false)
    public String displayName;
    @Column(nullable = false)
    public boolean sensitive;
    @Column(nullable = false)
    public String plan;
    @Column(name = "client_id", nullable = false)
    public String clientId;
    @Column(nullable = false)
    public boolean enabled;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
