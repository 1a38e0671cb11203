package io.trackguard.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback while Redis cannot be reached: the same two algorithms on this replica's
 * memory only. Every replica then grants its own share, so the policies it is given are
 * scaled down. Entries expire with their state; the map is cleared if it ever grows past
 * a bound, which only makes the fallback forget, never grant more than a fresh start.
 */
final class InProcessLimiter {

    private static final int MAX_KEYS = 100_000;

    /** For RATE: the theoretical arrival time; for WINDOW: count and window end. */
    private record State(long value, long until) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    LimitResult decide(String key, RateLimitPolicy policy, int cost, long now) {
        if (states.size() > MAX_KEYS) {
            states.clear();
        }
        LimitResult[] result = new LimitResult[1];
        states.compute(key, (k, old) -> {
            State current = old != null && old.until() > now ? old : null;
            if (policy.kind() == RateLimitPolicy.Kind.RATE) {
                long interval = policy.emissionIntervalMillis();
                long tolerance = policy.burstToleranceMillis();
                long tat = current == null ? now : Math.max(current.value(), now);
                long newTat = tat + interval * cost;
                long allowAt = newTat - tolerance - interval;
                if (cost > 0 && now < allowAt) {
                    result[0] = new LimitResult(policy, false, 0, seconds(tat - now), seconds(allowAt - now));
                    return current;
                }
                if (cost == 0 && now < tat - tolerance) {
                    // a peek: refused when the next request would be
                    result[0] = new LimitResult(policy, false, 0, seconds(tat - now), seconds(tat - tolerance - now));
                    return current;
                }
                long remaining = Math.max(0, cost == 0 ? (now - tat + tolerance) / interval + 1 : (now - allowAt) / interval);
                result[0] = new LimitResult(policy, true, remaining, seconds(newTat - now), 0);
                return cost == 0 ? current : new State(newTat, newTat + 1);
            }
            long window = policy.period().toMillis();
            long count = current == null ? 0 : current.value();
            long until = current == null ? now + window : current.until();
            if (count + Math.max(cost, 1) > policy.limit()) { // a cost of several (a batch) must fit whole
                result[0] = new LimitResult(policy, false, Math.max(0, policy.limit() - count), seconds(until - now), seconds(until - now));
                return current;
            }
            long newCount = count + cost;
            result[0] = new LimitResult(policy, true, Math.max(0, policy.limit() - newCount), seconds(until - now), 0);
            return cost == 0 ? current : new State(newCount, until);
        });
        return result[0];
    }

    /** Gives back {@code cost} events of a WINDOW key; the entry goes at zero, as in Redis. */
    void refund(String key, int cost, long now) {
        states.computeIfPresent(key, (k, old) -> old.until() <= now || old.value() <= cost ? null : new State(old.value() - cost, old.until()));
    }

    static long seconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}
