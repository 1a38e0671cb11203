package io.trackguard.notification.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trackguard.notification.casefile.SecurityEvent;
import io.trackguard.notification.incident.IncidentOpener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Handles one stream entry in one transaction: the processed-event row, and the incident it
 * opens or updates (or the dead letter), commit together. The consumer acknowledges the entry
 * only after this returns, so a crash before the acknowledgement delivers it again, and the
 * processed-event row makes that second delivery change nothing.
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);

    /** What handling an entry did. */
    public enum Outcome { OPENED, UPDATED, DEAD, ALREADY_HANDLED }

    private final EntityManager em;
    private final IncidentOpener opener;
    private final ObjectMapper json;
    private final Counter deadLetters;

    public EventHandler(EntityManager em, IncidentOpener opener, ObjectMapper json, MeterRegistry metrics) {
        this.em = em;
        this.opener = opener;
        this.json = json;
        this.deadLetters = Counter.builder("trackguard.security.events.dead")
                .description("Security events that were not of the contract and went to the dead-letter table (alert on any)")
                .register(metrics);
    }

    @Transactional
    public Outcome handle(String stream, String entryId, Map<String, String> fields) {
        int fresh = em.createNativeQuery("""
                INSERT INTO processed_event (stream, entry_id, processed_at, outcome) VALUES (?1, ?2, ?3, 'PENDING')
                ON CONFLICT DO NOTHING""")
                .setParameter(1, stream).setParameter(2, entryId).setParameter(3, Instant.now()).executeUpdate();
        if (fresh == 0) {
            return Outcome.ALREADY_HANDLED;
        }
        SecurityEvent event;
        try {
            event = SecurityEvent.parse(fields);
        } catch (SecurityEvent.Malformed e) {
            deadLetter(stream, entryId, fields, e.getMessage());
            return Outcome.DEAD;
        }
        IncidentOpener.Result result = opener.fromEvent(event, entryId);
        em.createNativeQuery("UPDATE processed_event SET outcome = ?3, incident_id = ?4 WHERE stream = ?1 AND entry_id = ?2")
                .setParameter(1, stream).setParameter(2, entryId).setParameter(3, result.opened() ? "OPENED" : "UPDATED")
                .setParameter(4, result.incidentId()).executeUpdate();
        return result.opened() ? Outcome.OPENED : Outcome.UPDATED;
    }

    /** An entry that could not be handled at all (a failure of ours): kept as a dead letter so the stream moves on. */
    @Transactional
    public void failed(String stream, String entryId, Map<String, String> fields, String reason) {
        em.createNativeQuery("""
                INSERT INTO processed_event (stream, entry_id, processed_at, outcome) VALUES (?1, ?2, ?3, 'PENDING')
                ON CONFLICT DO NOTHING""")
                .setParameter(1, stream).setParameter(2, entryId).setParameter(3, Instant.now()).executeUpdate();
        deadLetter(stream, entryId, fields, reason);
    }

    private void deadLetter(String stream, String entryId, Map<String, String> fields, String reason) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> {
                if (kept.size() < 50) {
                    kept.put(cut(k, 100), v == null ? null : cut(v, 1000));
                }
            });
        }
        String body;
        try {
            body = json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        em.createNativeQuery("INSERT INTO dead_event (stream, entry_id, received_at, reason, fields) VALUES (?1, ?2, ?3, ?4, cast(?5 AS jsonb))")
                .setParameter(1, stream).setParameter(2, entryId).setParameter(3, Instant.now()).setParameter(4, cut(reason, 1000))
                .setParameter(5, body).executeUpdate();
        em.createNativeQuery("UPDATE processed_event SET outcome = 'DEAD' WHERE stream = ?1 AND entry_id = ?2")
                .setParameter(1, stream).setParameter(2, entryId).executeUpdate();
        deadLetters.increment();
        LOG.warnf("security event %s on %s dead-lettered: %s", entryId, stream, reason);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
