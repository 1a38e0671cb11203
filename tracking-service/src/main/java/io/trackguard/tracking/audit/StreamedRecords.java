package io.trackguard.tracking.audit;

import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.Tier;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An access record as the fields of a stream entry and back. Absent values are left out; the
 * time is written at the microsecond PostgreSQL keeps, so that a record written twice (a
 * consumer that died after its commit, before its acknowledgement) has the same key twice.
 */
final class StreamedRecords {

    private static final String SEPARATOR = ",";

    private StreamedRecords() {
    }

    static Map<String, String> encode(AccessRecord r) {
        Map<String, String> m = new HashMap<>(16);
        Instant at = r.occurredAt();
        m.put("at", at(at));
        m.put("kind", r.actor().kind().name());
        m.put("actor", r.actor().id());
        put(m, "shipment", r.shipmentId() == null ? null : r.shipmentId().toString());
        put(m, "partner", r.partnerId());
        put(m, "number", r.numberHash());
        put(m, "tier", r.tier() == null ? null : r.tier().name());
        if (!r.fields().isEmpty()) {
            m.put("fields", String.join(SEPARATOR, r.fields()));
        }
        m.put("outcome", r.outcome().name());
        put(m, "request", r.requestId());
        put(m, "reason", r.reason());
        return m;
    }

    /**
     * Seconds and microseconds since the epoch, as a decimal ({@code 1700000000.000001}). Padded by
     * hand: String.format took a tenth of a public lookup's CPU (JFR, bench/RESULTS.md).
     */
    static String at(Instant at) {
        String micros = Integer.toString(at.getNano() / 1_000);
        return at.getEpochSecond() + "." + "000000".substring(micros.length()) + micros;
    }

    /** The record an entry holds; throws IllegalArgumentException for an entry that is not one. */
    static AccessRecord decode(Map<String, String> m) {
        String at = required(m, "at");
        int dot = at.indexOf('.');
        Instant occurredAt = dot < 0 ? Instant.ofEpochSecond(Long.parseLong(at))
                : Instant.ofEpochSecond(Long.parseLong(at.substring(0, dot)), Long.parseLong(at.substring(dot + 1)) * 1_000);
        String fields = m.get("fields");
        return new AccessRecord(occurredAt,
                new Actor(ActorKind.valueOf(required(m, "kind")), required(m, "actor")),
                m.get("shipment") == null ? null : UUID.fromString(m.get("shipment")),
                m.get("partner"), m.get("number"),
                m.get("tier") == null ? null : Tier.valueOf(m.get("tier")),
                fields == null || fields.isEmpty() ? List.of() : Arrays.asList(fields.split(SEPARATOR)),
                Outcome.valueOf(required(m, "outcome")), m.get("request"), m.get("reason"));
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }
}
