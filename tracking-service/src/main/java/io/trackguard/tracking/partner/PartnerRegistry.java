package io.trackguard.tracking.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps the partner row in step with what the partner's token says. What this replica wrote
 * last is remembered, so the row is written (and locked) only when the claims change, not on
 * every create: creates of one partner would otherwise queue on its row (bench/RESULTS.md).
 */
@ApplicationScoped
public class PartnerRegistry {

    private record Known(String displayName, boolean sensitive) {
    }

    private final EntityManager em;
    private final java.util.concurrent.ConcurrentHashMap<String, Known> written = new java.util.concurrent.ConcurrentHashMap<>();

    public PartnerRegistry(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(String id, String displayName, boolean sensitive) {
        Known claims = new Known(displayName, sensitive);
        if (claims.equals(written.get(id))) {
            return;
        }
        em.createNativeQuery("""
                INSERT INTO partner (id, display_name, sensitive, updated_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name,
                    sensitive = excluded.sensitive, updated_at = excluded.updated_at
                WHERE partner.display_name IS DISTINCT FROM excluded.display_name
                   OR partner.sensitive IS DISTINCT FROM excluded.sensitive
                """)
                .setParameter(1, id)
                .setParameter(2, displayName)
                .setParameter(3, sensitive)
                .setParameter(4, Instant.now())
                .executeUpdate();
        // remembered once the transaction has committed, so a rolled-back write is tried again
        jakarta.transaction.TransactionSynchronizationRegistry registry = io.quarkus.arc.Arc.container()
                .instance(jakarta.transaction.TransactionSynchronizationRegistry.class).get();
        registry.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    written.put(id, claims);
                }
            }
        });
    }
}
