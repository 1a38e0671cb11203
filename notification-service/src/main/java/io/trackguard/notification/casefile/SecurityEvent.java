package io.trackguard.notification.casefile;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A security event as tracking-service writes it on the stream (string fields): {@code type}
 * (ENUMERATION_SUSPECTED, DISTRIBUTED_SCRAPING, or MISSES_SURGE: public misses of all clients
 * together, with neither actor nor partner), {@code actor} (an audit actor id, or a
 * network bucket net56:/net48:), {@code actors} (optional, comma-separated audit actor ids of a
 * bucket's members), {@code partner} (for DISTRIBUTED_SCRAPING), {@code windowStart},
 * {@code windowEnd}, {@code distinctNumbers}, {@code misses}, {@code failedVerifications},
 * {@code evidence}, {@code blockedUntil} (optional), {@code source}. Fields beyond these are
 * ignored, so that the producer can add some first; anything else wrong is refused with the
 * reason, and the entry goes to the dead-letter table.
 */
public record SecurityEvent(Type type, String actor, List<String> actors, String partner, Instant windowStart, Instant windowEnd,
                            int distinctNumbers, int misses, int failedVerifications, String evidence, Instant blockedUntil,
                            String source) {

    public enum Type { ENUMERATION_SUSPECTED, DISTRIBUTED_SCRAPING, MISSES_SURGE }

    /** An audit actor id, as tracking-service's access log writes it. */
    public static final Pattern AUDIT_ACTOR = Pattern.compile("(ip|client|user):[A-Za-z0-9_.@:-]{1,120}");
    /** A network bucket: a /56 or /48 of IPv6 addresses, as a keyed hash. */
    public static final Pattern BUCKET = Pattern.compile("net(56|48):[A-Za-z0-9_.:-]{1,120}");
    public static final Pattern PARTNER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_MEMBERS = 1000;
    static final int MAX_EVIDENCE = 4000;
    /** Events about windows longer than this are not believed (tracking-service's window is minutes). */
    static final long MAX_WINDOW_DAYS = 93;

    /** Why an entry is not a security event of the contract. */
    public static final class Malformed extends Exception {
        public Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    public boolean bucket() {
        return actor != null && BUCKET.matcher(actor).matches();
    }

    public static SecurityEvent parse(Map<String, String> fields) throws Malformed {
        if (fields == null || fields.isEmpty()) {
            throw new Malformed("the entry has no fields (trimmed from the stream before it was read?)");
        }
        String typeName = required(fields, "type");
        Type type;
        try {
            type = Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new Malformed("unknown type: expected ENUMERATION_SUSPECTED, DISTRIBUTED_SCRAPING or MISSES_SURGE");
        }
        String actor = optional(fields, "actor");
        String partner = optional(fields, "partner");
        List<String> members = members(optional(fields, "actors"));
        if (type == Type.ENUMERATION_SUSPECTED) {
            if (actor == null) {
                throw new Malformed("actor: required for ENUMERATION_SUSPECTED");
            }
            if (!AUDIT_ACTOR.matcher(actor).matches() && !BUCKET.matcher(actor).matches()) {
                throw new Malformed("actor: an audit actor id (ip:, user:, client:) or a network bucket (net56:, net48:)");
            }
            if (partner != null && !PARTNER.matcher(partner).matches()) {
                throw new Malformed("partner: a partner id");
            }
        } else if (type == Type.MISSES_SURGE) {
            // all clients together: an actor or partner here would be another kind of event
            if (actor != null || partner != null || !members.isEmpty()) {
                throw new Malformed("actor, actors, partner: none for MISSES_SURGE (a signal of all clients together)");
            }
        } else {
            if (partner == null || !PARTNER.matcher(partner).matches()) {
                throw new Malformed("partner: a partner id, required for DISTRIBUTED_SCRAPING");
            }
            if (actor != null && !AUDIT_ACTOR.matcher(actor).matches() && !BUCKET.matcher(actor).matches()) {
                throw new Malformed("actor: an audit actor id or a network bucket");
            }
        }
        Instant start = instant(fields, "windowStart", true);
        Instant end = instant(fields, "windowEnd", true);
        if (end.isBefore(start)) {
            throw new Malformed("windowEnd: before windowStart");
        }
        if (Duration.between(start, end).toDays() > MAX_WINDOW_DAYS) {
            throw new Malformed("window: longer than " + MAX_WINDOW_DAYS + " days");
        }
        String evidence = optional(fields, "evidence");
        if (evidence != null && evidence.length() > MAX_EVIDENCE) {
            throw new Malformed("evidence: longer than " + MAX_EVIDENCE + " characters");
        }
        String source = required(fields, "source");
        if (source.length() > 100) {
            throw new Malformed("source: longer than 100 characters");
        }
        return new SecurityEvent(type, actor, members, partner, start, end, count(fields, "distinctNumbers"), count(fields, "misses"),
                count(fields, "failedVerifications"), evidence == null ? "" : evidence, instant(fields, "blockedUntil", false), source);
    }

    private static List<String> members(String value) throws Malformed {
        if (value == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String member : value.split(",")) {
            String m = member.trim();
            if (m.isEmpty()) {
                continue;
            }
            if (!AUDIT_ACTOR.matcher(m).matches()) {
                throw new Malformed("actors: each an audit actor id (ip:, user:, client:)");
            }
            out.add(m);
        }
        if (out.size() > MAX_MEMBERS) {
            throw new Malformed("actors: more than " + MAX_MEMBERS);
        }
        return new ArrayList<>(out);
    }

    private static String required(Map<String, String> fields, String name) throws Malformed {
        String value = optional(fields, name);
        if (value == null) {
            throw new Malformed(name + ": required");
        }
        return value;
    }

    private static String optional(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(Map<String, String> fields, String name, boolean required) throws Malformed {
        String value = required ? required(fields, name) : optional(fields, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Malformed(name + ": an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }

    private static int count(Map<String, String> fields, String name) throws Malformed {
        String value = required(fields, name);
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new Malformed(name + ": a count, 0 or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Malformed(name + ": an integer");
        }
    }
}
