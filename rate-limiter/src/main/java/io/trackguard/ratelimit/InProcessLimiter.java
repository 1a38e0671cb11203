package io.trackguard.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fallback while Redis cannot be reached: the same two algorithms on this replica's
 * memory only. Every replica then grants its own share, so the policies it is given are
 * scaled down. Entries expire with their state. Past a bound, the key used least recently is
 * forgotten first, one at a time: a client that keeps coming (an abuser being refused) stays
 * the most recent and is never the one forgotten, so a flood of new addresses cannot wipe it.
 */
final class InProcessLimiter {

    /** For RATE: the theoretical arrival time; for WINDOW: count and window end. */
    private record State(long value, long until) {
    }

    /** In access order: the eldest entry is the least recently used. Guarded by this. */
    private final LinkedHashMap<String, State> states;

    InProcessLimiter(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("the fallback must keep at least one key");
        }
        this.states = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
                return size() > maxKeys;
            }
        };
    }

    synchronized int size() {
        return states.size();
    }

    synchronized LimitResult decide(String key, RateLimitPolicy policy, int cost, long now) {
        State old = states.get(key);
        State current = old != null && old.until() > now ? old : null;
        Decision d = decide(current, policy, cost, now);
        if (d.state() == null) {
            states.remove(key);
        } else if (d.state() != old) {
            states.put(key, d.state());
        }
        return d.result();
    }

    private record Decision(LimitResult result, State state) {
    }

    private static Decision decide(State current, RateLimitPolicy policy, int cost, long now) {
        if (policy.kind() == RateLimitPolicy.Kind.RATE) {
            long interval = policy.emissionIntervalMillis();
            long tolerance = policy.burstToleranceMillis();
            long tat = current == null ? now : Math.max(current.value(), now);
            long newTat = tat + interval * cost;
            long allowAt = newTat - tolerance - interval;
            if (cost > 0 && now < allowAt) {
                return new Decision(new LimitResult(policy, false, 0, seconds(tat - now), seconds(allowAt - now)), current);
            }
            if (cost == 0 && now < tat - tolerance) {
                // a peek: refused when the next request would be
                return new Decision(new LimitResult(policy, false, 0, seconds(tat - now), seconds(tat - tolerance - now)), current);
            }
            long remaining = Math.max(0, cost == 0 ? (now - tat + tolerance) / interval + 1 : (now - allowAt) / interval);
            return new Decision(new LimitResult(policy, true, remaining, seconds(newTat - now), 0),
                    cost == 0 ? current : new State(newTat, newTat + 1));
        }
        long window = policy.period().toMillis();
        long count = current == null ? 0 : current.value();
        long until = current == null ? now + window : current.until();
        if (count + Math.max(cost, 1) > policy.limit()) { // a cost of several (a batch) must fit whole
            return new Decision(new LimitResult(policy, false, Math.max(0, policy.limit() - count), seconds(until - now),
                    seconds(until - now)), current);
        }
        long newCount = count + cost;
        return new Decision(new LimitResult(policy, true, Math.max(0, policy.limit() - newCount), seconds(until - now), 0),
                cost == 0 ? current : new State(newCount, until));
    }

    /** Gives back {@code cost} events of a WINDOW key; the entry goes at zero, as in Redis. */
    synchronized void refund(String key, int cost, long now) {
        states.computeIfPresent(key, (k, old) -> old.until() <= now || old.value() <= cost ? null : new State(old.value() - cost, old.until()));
    }

    static long seconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}
