package io.trackguard.notification.notice;

import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Marks NOTIFYING incidents NOTIFIED once every notice reached an end, with the tally in the history. */
@ApplicationScoped
public class Completion {

    private final EntityManager em;
    private final IncidentLog log;

    public Completion(EntityManager em, IncidentLog log) {
        this.em = em;
        this.log = log;
    }

    @Transactional
    public int settle() {
        @SuppressWarnings("unchecked")
        List<Object> done = em.createNativeQuery("""
                SELECT i.id FROM incident i WHERE i.status = 'NOTIFYING'
                  AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.incident_id = i.id AND n.status IN ('QUEUED', 'SENDING', 'HELD'))
                FOR UPDATE SKIP LOCKED""").getResultList();
        for (Object id : done) {
            Incident i = em.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
            @SuppressWarnings("unchecked")
            List<Object[]> tally = em.createNativeQuery("""
                    SELECT channel, status, count(*) FROM notice WHERE incident_id = ?1 GROUP BY channel, status ORDER BY channel, status""")
                    .setParameter(1, (UUID) id).getResultList();
            StringBuilder why = new StringBuilder("Every notice reached an end:");
            for (Object[] t : tally) {
                why.append(' ').append(t[0]).append(' ').append(t[1]).append(' ').append(t[2]).append(';');
            }
            log.move(i, IncidentStatus.NOTIFIED, IncidentLog.DELIVERY, why.toString());
        }
        return done.size();
    }
}
