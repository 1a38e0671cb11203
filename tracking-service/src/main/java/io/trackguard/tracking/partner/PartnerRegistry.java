package io.trackguard.tracking.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Keeps the partner row in step with what the partner's token says, in one statement. */
@ApplicationScoped
public class PartnerRegistry {

    private final EntityManager em;

    public PartnerRegistry(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(String id, String displayName, boolean sensitive) {
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
    }
}
