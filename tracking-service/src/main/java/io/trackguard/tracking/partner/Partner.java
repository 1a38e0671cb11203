package io.trackguard.tracking.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A partner retailer as tracking-service knows it: from the claims of its own tokens. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** A sensitive retailer (from its token). No partner is named in the public view, sensitive or not. */
    @Column(nullable = false)
    public boolean sensitive;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
