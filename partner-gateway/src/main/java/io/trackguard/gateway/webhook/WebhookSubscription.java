package io.trackguard.gateway.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a partner wants its shipment events delivered, and the secret that signs them (encrypted). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "partner_id", nullable = false, updatable = false)
    public String partnerId;
    @Column(nullable = false)
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] events;
    @Column(name = "secret_ciphertext", nullable = false)
    public String secretCiphertext;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "secret_rotated_at", nullable = false)
    public Instant secretRotatedAt;
    /** The secret before the last rotation, still signed with until previousSecretUntil (encrypted). */
    @Column(name = "previous_secret_ciphertext")
    public String previousSecretCiphertext;
    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
}
