package io.trackguard.notification.scope;

import io.agroal.api.AgroalDataSource;
import io.trackguard.notification.assessment.Assessor;
import io.trackguard.notification.assessment.ScopeFacts;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import io.trackguard.notification.casefile.IncidentLog;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The transactional half of scoping: claims an incident (with a lease), and stores what was
 * read: the exposed shipments, the people (one per normalised email, however many shipments),
 * the totals, the assessment and the decision, all in one transaction. Bulk rows go through
 * JDBC batches on the transaction's connection.
 */
@ApplicationScoped
public class ScopeStore {

    /** An incident claimed for scoping, as it was when claimed. */
    public record Claim(UUID incidentId, int revision, String actor, String partnerId, String[] memberActors, Instant windowStart,
                        Instant windowEnd) {
    }

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final IncidentLog log;
    private final Event<ScopeAssessed> assessed;
    private final Assessor assessor;
    private final NotifyConfig.Scope config;

    public ScopeStore(EntityManager em, AgroalDataSource dataSource, IncidentLog log, Event<ScopeAssessed> assessed, Assessor assessor,
                      NotifyConfig config) {
        this.em = em;
        this.dataSource = dataSource;
        this.log = log;
        this.assessed = assessed;
        this.assessor = assessor;
        this.config = config.scope();
    }

    /**
     * The next incident whose scope needs reading, or null; an incident from the stream only once its
     * window ended at least scope.settle ago (an officer's period is read at once).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claimNext(Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT id FROM incident
                WHERE status <> 'CLOSED' AND scoped_revision < revision
                  AND (scope_next_at IS NULL OR scope_next_at <= now()) AND (scope_lease_until IS NULL OR scope_lease_until < now())
                  AND (origin = 'MANUAL' OR window_end <= now() - make_interval(secs => ?1))
                ORDER BY opened_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, config.settle().toMillis() / 1000.0).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        Incident i = em.find(Incident.class, ids.get(0));
        i.scopeLeaseUntil = Instant.now().plus(lease);
        log.move(i, IncidentStatus.SCOPING, IncidentLog.SCOPE, "Reading what was disclosed from tracking-service's access audit log"
                + " (revision " + i.revision + ").");
        return new Claim(i.id, i.revision, i.actor, i.partnerId, i.memberActors.clone(), i.windowStart, i.windowEnd);
    }

    /** The scope could not be read now: try again later, with a growing wait. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claim claim, String problem) {
        Incident i = em.find(Incident.class, claim.incidentId(), LockModeType.PESSIMISTIC_WRITE);
        i.scopeAttempts++;
        long factor = 1L << Math.min(16, i.scopeAttempts - 1);
        Duration wait = config.backoff().multipliedBy(factor);
        if (wait.compareTo(config.maxBackoff()) > 0) {
            wait = config.maxBackoff();
        }
        i.scopeNextAt = Instant.now().plus(wait);
        i.scopeLeaseUntil = null;
        if (!problem.equals(i.scopeProblem)) {
            log.note(i, IncidentHistory.What.SCOPE, IncidentLog.SCOPE, "The scope could not be read (" + problem + "); tried again from "
                    + i.scopeNextAt + ".");
        }
        i.scopeProblem = IncidentLog.cut(problem, 500);
    }

    /** Stores the scope read for a claim (null: none can be read), then assesses and decides. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void store(Claim claim, List<Exposure> exposures) {
        Incident i = em.find(Incident.class, claim.incidentId(), LockModeType.PESSIMISTIC_WRITE);
        i.scopeLeaseUntil = null;
        if (i.revision != claim.revision() || !i.open()) {
            return; // new evidence arrived while reading: the next pass reads the wider window
        }
        em.flush();
        if (exposures != null) {
            write(i.id, exposures);
        }
        ScopeFacts facts = facts(i, exposures != null);
        i.shipmentsExposed = facts.shipments();
        i.peopleAffected = facts.people();
        i.scopedRevision = claim.revision();
        i.scopeProblem = null;
        i.scopeAttempts = 0;
        i.scopeNextAt = null;
        i.updatedAt = Instant.now();
        log.note(i, IncidentHistory.What.SCOPE, IncidentLog.SCOPE, exposures == null
                ? "No audit actor or partner to ask the access audit log about."
                : facts.shipments() + " shipment(s) of " + facts.partners().size() + " partner(s), " + facts.people()
                        + " person(s); tiers " + facts.tiers() + ".");
        // observed synchronously by the decision, in this transaction (see ScopeAssessed)
        assessed.fire(new ScopeAssessed(i, assessor.assess(facts)));
    }

    private ScopeFacts facts(Incident i, boolean readable) {
        Set<String> tiers = new TreeSet<>();
        Set<String> fields = new TreeSet<>();
        Set<String> partners = new TreeSet<>();
        Set<String> sensitive = new TreeSet<>();
        int shipments = 0;
        int people;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT partner_id, bool_or(partner_sensitive), count(*) FROM incident_exposure WHERE incident_id = ? GROUP BY partner_id")) {
                ps.setObject(1, i.id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        partners.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            sensitive.add(rs.getString(1));
                        }
                        shipments += rs.getInt(3);
                    }
                }
            }
            distinct(c, "SELECT DISTINCT unnest(tiers) FROM incident_exposure WHERE incident_id = ?", i.id, tiers);
            distinct(c, "SELECT DISTINCT unnest(fields) FROM incident_exposure WHERE incident_id = ?", i.id, fields);
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM affected_person WHERE incident_id = ?")) {
                ps.setObject(1, i.id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    people = rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scope totals could not be read", e);
        }
        return new ScopeFacts(i.kind, i.origin == Incident.Origin.MANUAL, readable, shipments, people, tiers, fields, partners, sensitive,
                i.blockedUntil, i.distinctNumbers);
    }

    private static void distinct(Connection c, String sql, UUID incidentId, Set<String> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getString(1));
                }
            }
        }
    }

    /** People first (one per normalised email), then the shipments pointing at them. */
    private void write(UUID incidentId, List<Exposure> exposures) {
        Map<String, List<Exposure>> byPerson = new LinkedHashMap<>();
        for (Exposure e : exposures) {
            byPerson.computeIfAbsent(personKey(e), k -> new ArrayList<>()).add(e);
        }
        try (Connection c = dataSource.getConnection()) {
            Map<String, UUID> known = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT person_key, id FROM affected_person WHERE incident_id = ?")) {
                ps.setObject(1, incidentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.put(rs.getString(1), (UUID) rs.getObject(2));
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO affected_person (id, incident_id, person_key, name, email, language) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = c.prepareStatement(
                         "UPDATE affected_person SET language = CASE WHEN language IS DISTINCT FROM ? THEN NULL ELSE language END WHERE id = ?")) {
                for (Map.Entry<String, List<Exposure>> p : byPerson.entrySet()) {
                    String language = language(p.getValue());
                    UUID id = known.get(p.getKey());
                    if (id == null) {
                        id = UUID.randomUUID();
                        known.put(p.getKey(), id);
                        Exposure.Contact contact = contact(p.getValue());
                        insert.setObject(1, id);
                        insert.setObject(2, incidentId);
                        insert.setString(3, p.getKey());
                        insert.setString(4, cut(contact.name(), 200));
                        insert.setString(5, contact.email() == null ? null : cut(contact.email().trim(), 254));
                        insert.setString(6, language);
                        insert.addBatch();
                    } else {
                        update.setString(1, language);
                        update.setObject(2, id);
                        update.addBatch();
                    }
                }
                insert.executeBatch();
                update.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO incident_exposure (incident_id, tracking_number, partner_id, partner_sensitive, fields, tiers, first_seen,
                                                   last_seen, accesses, person_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (incident_id, tracking_number) DO UPDATE SET partner_sensitive = excluded.partner_sensitive,
                        fields = excluded.fields, tiers = excluded.tiers, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
                        accesses = excluded.accesses""")) {
                for (Map.Entry<String, List<Exposure>> p : byPerson.entrySet()) {
                    UUID person = known.get(p.getKey());
                    for (Exposure e : p.getValue()) {
                        ps.setObject(1, incidentId);
                        ps.setString(2, e.trackingNumber());
                        ps.setString(3, e.partnerId());
                        ps.setBoolean(4, e.partnerSensitive());
                        ps.setArray(5, c.createArrayOf("text", e.fieldsOrEmpty().toArray()));
                        ps.setArray(6, c.createArrayOf("text", e.tiersOrEmpty().toArray()));
                        ps.setTimestamp(7, Timestamp.from(e.firstSeen()));
                        ps.setTimestamp(8, Timestamp.from(e.lastSeen()));
                        ps.setLong(9, e.accesses());
                        ps.setObject(10, person);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scope could not be stored", e);
        }
    }

    /** One person per email address, compared without case or surrounding spaces; without one, per shipment. */
    static String personKey(Exposure e) {
        String email = e.recipient() == null ? null : e.recipient().email();
        return email == null || email.isBlank() ? "no-email:" + e.trackingNumber() : cut(email.trim().toLowerCase(Locale.ROOT), 300);
    }

    /** The language every shipment that says agrees on; null (both languages) when none says or they differ. */
    static String language(List<Exposure> shipments) {
        Set<String> said = new TreeSet<>();
        for (Exposure e : shipments) {
            if (e.recipient() != null && e.recipient().language() != null && e.recipient().language().matches("en|fr")) {
                said.add(e.recipient().language());
            }
        }
        return said.size() == 1 ? said.iterator().next() : null;
    }

    private static Exposure.Contact contact(List<Exposure> shipments) {
        for (Exposure e : shipments) {
            if (e.recipient() != null && e.recipient().name() != null) {
                return e.recipient();
            }
        }
        Exposure.Contact any = shipments.get(0).recipient();
        return any == null ? new Exposure.Contact(null, null, null, null) : any;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
