package io.trackguard.tracking.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.disclosure.DisclosurePolicy;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.shipment.ShipmentStatus;
import io.trackguard.tracking.shipment.ShipmentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes each status change's event to the outbox, in the transaction of the change (the
 * observer is synchronous and MANDATORY: a change outside a transaction is a bug, not an
 * event to lose). The body is what partners receive, Standard Webhooks' shape
 * {@code {"type","timestamp","data"}}, and {@code data} is the owning partner's view from the
 * disclosure policy: nothing a partner could not read through the API.
 */
@ApplicationScoped
public class ShipmentEventOutbox {

    /** What a partner's endpoint receives as the request body. */
    @RegisterForReflection
    public record Body(String type, Instant timestamp, ShipmentView data) {
    }

    private final DisclosurePolicy policy;
    private final ObjectMapper json;
    private final EntityManager em;

    public ShipmentEventOutbox(DisclosurePolicy policy, ObjectMapper json, EntityManager em) {
        this.policy = policy;
        this.json = json;
        this.em = em;
    }

    /** The event type partners subscribe to: {@code shipment.} and the status in lower case. */
    public static String type(ShipmentStatus status) {
        return "shipment." + status.name().toLowerCase(Locale.ROOT);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onStatusChanged(@Observes ShipmentStatusChanged change) {
        String type = type(change.status());
        String body;
        try {
            body = json.writeValueAsString(new Body(type, change.occurredAt(), policy.view(change.shipment(), Tier.PARTNER)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shipment view is always serialisable", e);
        }
        em.createNativeQuery("""
                INSERT INTO shipment_event_outbox (id, shipment_id, partner_id, type, occurred_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, change.shipment().id)
                .setParameter(3, change.shipment().partnerId())
                .setParameter(4, type)
                .setParameter(5, change.occurredAt())
                .setParameter(6, body)
                .executeUpdate();
    }
}
