package io.trackguard.gateway.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A partner retailer as the gateway records it: plan, sensitivity, privacy contact, its Keycloak client. */
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
    /** Where notices to the partner about an incident go (notification-service reads it). */
    @Column(name = "privacy_contact")
    public String privacyContact;
    /** The client's registration access token, sealed (SecretBox); none for partners not onboarded here. */
    @Column(name = "registration_token_ciphertext")
    public String registrationTokenCiphertext;

    /** A partner's Keycloak client: partner-<id>, by onboarding's convention. */
    public static String clientIdOf(String partnerId) {
        return "partner-" + partnerId;
    }
}
