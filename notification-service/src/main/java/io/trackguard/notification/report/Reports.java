package io.trackguard.notification.report;

import io.agroal.api.AgroalDataSource;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.config.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Builds the report of an incident from its records, whole or for one partner. */
@ApplicationScoped
public class Reports {

    private final AgroalDataSource dataSource;
    private final NotifyConfig config;

    public Reports(AgroalDataSource dataSource, NotifyConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** In a transaction of its own when called from background work (which has no request context). */
    @Transactional
    public Optional<Report> build(UUID incidentId, String forPartner) {
        Incident i = Incident.findById(incidentId);
        if (i == null) {
            return Optional.empty();
        }
        Set<String> fields = new TreeSet<>();
        Set<String> tiers = new TreeSet<>();
        List<Report.PartnerLine> partners = new ArrayList<>();
        Map<String, Map<String, Integer>> notices = new TreeMap<>();
        int shipments = 0;
        int people = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT partner_id, bool_or(partner_sensitive), count(*), count(DISTINCT person_id) FROM incident_exposure
                    WHERE incident_id = ? AND (CAST(? AS varchar) IS NULL OR partner_id = ?) GROUP BY partner_id ORDER BY partner_id""")) {
                ps.setObject(1, incidentId);
                ps.setString(2, forPartner);
                ps.setString(3, forPartner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        partners.add(new Report.PartnerLine(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4)));
                        shipments += rs.getInt(3);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(DISTINCT person_id) FROM incident_exposure WHERE incident_id = ? AND (CAST(? AS varchar) IS NULL OR partner_id = ?)""")) {
                ps.setObject(1, incidentId);
                ps.setString(2, forPartner);
                ps.setString(3, forPartner);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    people = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT unnest(fields), 'f' FROM incident_exposure WHERE incident_id = ? AND (CAST(? AS varchar) IS NULL OR partner_id = ?)
                    UNION SELECT DISTINCT unnest(tiers), 't' FROM incident_exposure WHERE incident_id = ? AND (CAST(? AS varchar) IS NULL OR partner_id = ?)""")) {
                for (int k = 0; k < 2; k++) {
                    ps.setObject(1 + 3 * k, incidentId);
                    ps.setString(2 + 3 * k, forPartner);
                    ps.setString(3 + 3 * k, forPartner);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ("f".equals(rs.getString(2)) ? fields : tiers).add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT n.channel, n.status, count(*) FROM notice n
                    WHERE n.incident_id = ? AND (CAST(? AS varchar) IS NULL OR (n.channel = 'PARTNER' AND n.partner_id = ?)
                        OR (n.channel = 'PERSON' AND EXISTS (SELECT 1 FROM incident_exposure e WHERE e.person_id = n.person_id AND e.partner_id = ?)))
                    GROUP BY n.channel, n.status""")) {
                ps.setObject(1, incidentId);
                ps.setString(2, forPartner);
                ps.setString(3, forPartner);
                ps.setString(4, forPartner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (forPartner != null && "OFFICERS".equals(rs.getString(1))) {
                            continue;
                        }
                        notices.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report could not be read", e);
        }
        return Optional.of(assemble(i, forPartner, shipments, people, fields, tiers, partners, notices));
    }

    private Report assemble(Incident i, String forPartner, int shipments, int people, Set<String> fields, Set<String> tiers,
                            List<Report.PartnerLine> partners, Map<String, Map<String, Integer>> notices) {
        NotifyConfig.Organisation o = config.organisation();
        Report.Organisation org = new Report.Organisation(o.name(), o.contactName(), o.privacyEmail(), o.privacyPhone().orElse(null));
        List<String> information = FieldWords.describe(fields, tiers, "en");
        boolean sensitivePartner = partners.stream().anyMatch(Report.PartnerLine::sensitive);
        String circumstances = (forPartner == null ? i.description : describeFor(i))
                + " Detected " + (i.origin == Incident.Origin.MANUAL ? "and recorded by a privacy officer" : "automatically by " + i.openedBy)
                + " on " + i.openedAt + ". Disclosures were established from the access audit log, which records every disclosure "
                + "(who, when, which fields, at which tier).";
        String cause = switch (i.kind) {
            case ENUMERATION -> "Tracking numbers were looked up in bulk through the public tracking service (" + i.distinctNumbers
                    + " distinct numbers, " + i.misses + " unknown numbers, " + i.failedVerifications + " failed recipient verifications"
                    + " in the window).";
            case DISTRIBUTED_SCRAPING -> "The partner's tracking numbers were looked up from many addresses at once, each staying under "
                    + "the per-client limits (" + i.distinctNumbers + " distinct numbers in the window).";
            case MISSES_SURGE -> "Public lookups that matched no shipment surged, all clients together (" + i.misses
                    + " in the window): someone was guessing tracking numbers.";
            case UNAUTHORISED_ACCESS, OTHER -> "As described by the privacy officer who recorded the incident.";
        };
        List<String> reduce = new ArrayList<>();
        if (i.blockedUntil != null) {
            reduce.add("The client was blocked by automated detection (until " + i.blockedUntil + ").");
        }
        if (i.kind == IncidentKind.DISTRIBUTED_SCRAPING) {
            reduce.add("The partner's shipments were put in a guarded mode (status only) until an officer clears it.");
        }
        reduce.add("Every disclosure in the period was reviewed in the access audit log to find everyone affected.");
        reduce.add("Each affected person receives a single-use link to see who looked at their parcel.");
        List<String> notify = new ArrayList<>();
        Map<String, Integer> personNotices = notices.getOrDefault("PERSON", Map.of());
        if (i.decision == Incident.Decision.NOTIFY) {
            notify.add("Each affected person is told by email, in their language when known (otherwise in English and French), one "
                    + "message per person however many parcels: " + describe(personNotices) + ".");
            if (personNotices.getOrDefault("HELD", 0) > 0 || personNotices.getOrDefault("BOUNCED", 0) > 0) {
                notify.add("People without a working email address are reached through the partner that holds their contact details.");
            }
        } else if (i.decision == Incident.Decision.NO_NOTICE) {
            notify.add("People are not told: " + (i.decisionReason == null ? "no real risk of significant harm" : i.decisionReason));
        } else {
            notify.add("Whether people are told is being decided by a privacy officer.");
        }
        notify.add("The partner(s) whose customers are affected are told by email, with this report.");
        List<String> consequences = new ArrayList<>();
        consequences.add("Phishing or fraud using the parcel's details to seem genuine.");
        if (sensitivePartner) {
            consequences.add("Revealing that a person buys from a sensitive retailer (embarrassment, discrimination).");
        }
        if (fields.contains("destination.line1") || fields.contains("destination.postalCode")) {
            consequences.add("Knowing where and when a person receives parcels (theft of parcels, unwanted visits).");
        }
        List<String> proposed = List.of("Review the detection thresholds against this incident's pattern.",
                "Follow up undelivered notices through the partner.");
        Instant now = Instant.now();
        String delay = i.regulatorReportedAt == null && now.isAfter(i.regulatorDeadline)
                ? "The 72 hours have passed: the officer must give the reasons for the delay (GDPR Art. 33(1))." : null;
        Report.Pipeda pipeda = new Report.Pipeda(circumstances, cause, i.windowStart, i.windowEnd, information, people,
                i.status == IncidentStatus.SCOPING
                        || i.status == IncidentStatus.DETECTED, reduce, notify, org);
        Report.Gdpr gdpr = new Report.Gdpr(
                "Confidentiality breach: personal information about parcel recipients disclosed to someone not entitled to it.",
                List.of("Recipients of parcels" + (forPartner == null ? "" : " of partner " + forPartner)), people, information, shipments,
                org, consequences, reduce, proposed, i.awareAt, i.regulatorDeadline, i.regulatorReportedAt, delay);
        Report.Assessment assessment = new Report.Assessment(i.sensitivity, i.probability, i.risk, List.of(i.assessmentReasons),
                i.decision == null ? null : i.decision.name(), i.decidedBy, i.decisionReason);
        return new Report(i.id, now, i.status.name(), i.kind.name(), forPartner, org, pipeda, gdpr,
                forPartner == null ? assessment : null, partners, notices);
    }

    /** A partner's copy names no other partner and no actor. */
    private static String describeFor(Incident i) {
        return switch (i.kind) {
            case ENUMERATION -> "A client looked up many tracking numbers through the public tracking service.";
            case DISTRIBUTED_SCRAPING -> "Your tracking numbers were looked up from many addresses (distributed scraping).";
            default -> "Your customers' parcel information was disclosed to someone not entitled to it.";
        };
    }

    private static String describe(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none yet";
        }
        Map<String, Integer> ordered = new LinkedHashMap<>(counts);
        List<String> parts = new ArrayList<>();
        ordered.forEach((status, n) -> parts.add(n + " " + status.toLowerCase()));
        return String.join(", ", parts);
    }
}
