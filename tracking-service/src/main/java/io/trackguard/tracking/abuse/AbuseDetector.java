package io.trackguard.tracking.abuse;

import io.quarkus.arc.Arc;
import io.trackguard.ratelimit.ScriptCall;
import io.trackguard.ratelimit.guard.Signal;
import io.trackguard.tracking.client.CurrentRequest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enumeration detection per actor: per window, distinct numbers looked up, misses, and failed
 * verifications across shipments. The actor is one client (an IPv4 address, an IPv6 /64) and,
 * for IPv6, also the /56 and the /48 it belongs to, each with limits of its own, so a client
 * that rotates through the /64s of its network is still counted; or one staff agent, over the
 * staff view. Crossing a threshold blocks that actor or network for a cool-off and emits one
 * security event for the episode ({@code ENUMERATION_SUSPECTED}) on the Redis Stream, which
 * notification-service consumes to open an incident.
 *
 * <p>The counting runs in the same Redis round trip as the rate limiter's decision
 * ({@link #call}); this class reads the answer, remembers the block on this replica (so it
 * holds while Redis is away) and emits the event.
 */
@ApplicationScoped
public class AbuseDetector {

    /** What the counters say after this request (the counts are the actor's own). */
    public record Verdict(boolean blocked, boolean newlyBlocked, Duration blockedFor, long distinctNumbers, long misses,
                          long failedVerifications, Duration windowLeft) {

        static final Verdict UNKNOWN = new Verdict(false, false, Duration.ZERO, 0, 0, 0, Duration.ZERO);

        static Verdict blockedHere(Duration left) {
            return new Verdict(true, false, left, 0, 0, 0, Duration.ZERO);
        }
    }

    /** One level counted: an actor or a network, and its distinct, miss and failure limits. */
    private record Level(String id, int distinctNumbers, int misses, int failedVerifications) {
    }

    /** Who one request counts against, narrowest first, and the window and cool-off that apply. */
    private record Subject(List<Level> levels, Duration window, Duration coolOff) {
        /** The widest level's id: every key of the subject carries it as hash tag, so all sit on one slot. */
        String tag() {
            return levels.get(levels.size() - 1).id();
        }

        List<String> ids() {
            return levels.stream().map(Level::id).toList();
        }
    }

    private final AbuseConfig config;
    private final CurrentRequest request;
    private final LocalBlocks localBlocks;
    private final SecurityEvents events;

    public AbuseDetector(AbuseConfig config, CurrentRequest request, LocalBlocks localBlocks, SecurityEvents events) {
        this.config = config;
        this.request = request;
        this.localBlocks = localBlocks;
        this.events = events;
    }

    /** The counting call for one request: a number looked up (its hash, or null), misses and failures to add. */
    public ScriptCall call(String actor, String numberHash, int misses, int failedVerifications) {
        Subject subject = subject(actor);
        List<String> keys = new ArrayList<>(AbuseScript.KEYS_PER_LEVEL * subject.levels().size());
        for (Level level : subject.levels()) {
            String base = config.keyPrefix() + "{" + subject.tag() + "}:" + level.id();
            keys.addAll(List.of(base + ":numbers", base + ":misses", base + ":verify-failures", base + ":block", base + ":members"));
        }
        List<String> args = new ArrayList<>(List.of(numberHash == null ? "" : numberHash, String.valueOf(misses),
                String.valueOf(failedVerifications), String.valueOf(subject.window().toMillis()),
                String.valueOf(subject.coolOff().toMillis()), subject.levels().size() > 1 ? actor : "",
                String.valueOf(config.networkMembers())));
        for (Level level : subject.levels()) {
            args.addAll(List.of(String.valueOf(level.distinctNumbers()), String.valueOf(level.misses()),
                    String.valueOf(level.failedVerifications())));
        }
        return new ScriptCall(AbuseScript.SCRIPT, keys, args);
    }

    /**
     * The counting call as a guard's block: read in the decision's round trip, it says for how
     * long the actor is blocked, if it is ({@link #read}: events on a first crossing, local blocks).
     */
    public Signal<Optional<Duration>> blocks(String actor, String numberHash, int misses, int failedVerifications) {
        return Signal.of(call(actor, numberHash, misses, failedVerifications), answer -> {
            Verdict verdict = read(actor, answer);
            return verdict.blocked() ? Optional.of(verdict.blockedFor()) : Optional.empty();
        });
    }

    /**
     * Reads the script's answer; on the first crossing of an episode, emits the security event.
     * Without an answer (Redis slow or away) the blocks this replica has seen still count.
     */
    public Verdict read(String actor, Response answer) {
        Subject subject = subject(actor);
        if (answer == null) {
            return localBlocks.remaining(subject.ids()).map(Verdict::blockedHere).orElse(Verdict.UNKNOWN);
        }
        boolean blocked = answer.get(0).toLong() == 1;
        Duration blockedFor = Duration.ofMillis(answer.get(2).toLong());
        if (blocked) {
            localBlocks.record(subject.levels().get(answer.get(1).toInteger()).id(), blockedFor);
        }
        Response levels = answer.get(3);
        if (levels.size() == 0) {
            return new Verdict(blocked, false, blockedFor, 0, 0, 0, Duration.ZERO);
        }
        boolean newly = false;
        for (int i = 0; i < levels.size(); i++) {
            Response level = levels.get(i);
            if (level.get(0).toLong() == 1) {
                newly = true;
                emit(subject, i, level);
            }
        }
        Response own = levels.get(0);
        return new Verdict(blocked, newly, blockedFor, own.get(1).toLong(), own.get(2).toLong(), own.get(3).toLong(),
                Duration.ofMillis(Math.max(0, own.get(4).toLong())));
    }

    /** A block this replica has seen that still runs, on the actor or one of its networks: refused without asking Redis. */
    public Optional<Duration> blockedHere(String actor) {
        return localBlocks.remaining(subject(actor).ids());
    }

    private Subject subject(String actor) {
        if (actor.startsWith("user:")) {
            AbuseConfig.Staff staff = config.staff();
            return new Subject(List.of(new Level(actor, staff.distinctNumbers(), staff.misses(), Integer.MAX_VALUE)),
                    staff.window(), staff.coolOff());
        }
        List<Level> levels = new ArrayList<>(3);
        levels.add(new Level(actor, config.distinctNumbers(), config.misses(), config.failedVerifications()));
        List<String> networks = networksOf(actor);
        if (networks.size() == 2) {
            levels.add(level(networks.get(0), config.net56()));
            levels.add(level(networks.get(1), config.net48()));
        }
        return new Subject(levels, config.window(), config.coolOff());
    }

    private static Level level(String id, AbuseConfig.Thresholds t) {
        return new Level(id, t.distinctNumbers(), t.misses(), t.failedVerifications());
    }

    /** The IPv6 networks of the actor when it is the current request's client; none otherwise. */
    private List<String> networksOf(String actor) {
        if (!actor.startsWith("ip:") || !Arc.container().requestContext().isActive()) {
            return List.of();
        }
        return actor.equals(request.addressPseudonym()) ? request.networkPseudonyms() : List.of();
    }

    private void emit(Subject subject, int index, Response counts) {
        Level level = subject.levels().get(index);
        long distinct = counts.get(1).toLong();
        long misses = counts.get(2).toLong();
        long failures = counts.get(3).toLong();
        Instant now = Instant.now();
        Instant windowStart = now.minus(subject.window()).plus(Duration.ofMillis(Math.max(0, counts.get(4).toLong())));
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", "ENUMERATION_SUSPECTED");
        event.put("actor", level.id());
        Response members = counts.get(5);
        if (index > 0) {
            List<String> actors = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                actors.add(members.get(i).toString());
            }
            event.put("actors", String.join(",", actors.stream().sorted().toList()));
        }
        event.put("windowStart", windowStart.toString());
        event.put("windowEnd", now.toString());
        event.put("distinctNumbers", String.valueOf(distinct));
        event.put("misses", String.valueOf(misses));
        event.put("failedVerifications", String.valueOf(failures));
        event.put("evidence", evidence(subject, level, distinct, misses, failures, index > 0 ? members.size() : 0));
        event.put("blockedUntil", now.plus(subject.coolOff()).toString());
        event.put("source", "tracking-service");
        events.emit(event);
    }

    private static String evidence(Subject subject, Level level, long distinct, long misses, long failures, int clients) {
        String in = " in " + subject.window();
        List<String> why = new ArrayList<>(3);
        if (distinct > level.distinctNumbers()) {
            why.add(distinct + (level.id().startsWith("user:") ? " distinct shipments in the staff view" : " distinct tracking numbers") + in);
        }
        if (misses > level.misses()) {
            why.add(misses + " unknown numbers" + in);
        }
        if (failures > level.failedVerifications()) {
            why.add(failures + " failed verifications" + in);
        }
        String text = String.join("; ", why);
        if (level.id().startsWith("net")) {
            text += ", from " + clients + " /64s of one IPv6 /" + level.id().substring(3, 5);
        }
        return text;
    }
}
