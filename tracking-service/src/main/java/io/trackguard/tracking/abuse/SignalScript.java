package io.trackguard.tracking.abuse;

import io.trackguard.ratelimit.ScriptCall;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;

/**
 * A count per window compared with its own normal rate, for signals that no address change
 * walks around. Fixed windows (a number computed by the caller from its clock); the estimate
 * slides: this window's count plus the previous one's, weighted by how much of it still
 * overlaps. The normal rate is an exponential moving average of completed windows, which a
 * window above its threshold (an attack) does not teach, and idle windows pull down.
 *
 * <p>KEYS (one hash tag): stats (hash: bucket, cur, prev, baseline), this window's
 * HyperLogLog (distinct mode), the marker. ARGV: mode ("distinct": PFADD the member; "count":
 * one more), member, window number, ms into the window, window ms, floor, factor, learning
 * rate, marker mode ("sticky": stays until cleared; "window": expires after a window), stats
 * ttl ms. Returns {newly fired 0/1, marker set 0/1, estimate, threshold, baseline, window start ms}.
 */
final class SignalScript {

    static final ScriptCall.Script SCRIPT = ScriptCall.Script.of("""
            local bucket = tonumber(ARGV[3])
            local into = tonumber(ARGV[4])
            local window = tonumber(ARGV[5])
            local floor = tonumber(ARGV[6])
            local factor = tonumber(ARGV[7])
            local rate = tonumber(ARGV[8])
            local h = redis.call('HMGET', KEYS[1], 'bucket', 'cur', 'prev', 'baseline')
            local last = tonumber(h[1]) or bucket
            local cur = tonumber(h[2]) or 0
            local prev = tonumber(h[3]) or 0
            local baseline = tonumber(h[4]) or 0
            local marked = redis.call('EXISTS', KEYS[3]) == 1
            if last < bucket then
              if cur <= math.max(floor, factor * baseline) then
                baseline = baseline + rate * (cur - baseline)
              end
              local idle = math.min(bucket - last - 1, 1000)
              if idle > 0 then baseline = baseline * (1 - rate) ^ idle end
              if idle == 0 then prev = cur else prev = 0 end
              cur = 0
              last = bucket
            end
            if last == bucket then
              if ARGV[1] == 'distinct' then
                redis.call('PFADD', KEYS[2], ARGV[2])
                redis.call('PEXPIRE', KEYS[2], window * 2)
                cur = redis.call('PFCOUNT', KEYS[2])
              else
                cur = cur + 1
              end
            end
            redis.call('HSET', KEYS[1], 'bucket', last, 'cur', cur, 'prev', prev, 'baseline', tostring(baseline))
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[10]))
            local estimate = cur + math.floor(prev * math.max(0, window - into) / window)
            local threshold = math.max(floor, math.floor(factor * baseline))
            local newly = 0
            if estimate > threshold and not marked then
              if ARGV[9] == 'sticky' then
                redis.call('SET', KEYS[3], tostring(bucket * window + into))
              else
                redis.call('SET', KEYS[3], tostring(bucket * window + into), 'PX', window)
              end
              newly = 1
              marked = true
            end
            return {newly, marked and 1 or 0, estimate, threshold, math.floor(baseline), last * window}
            """);

    /**
     * An officer's "this is normal": the marker goes, and the normal rate becomes at least what
     * this window and the last one saw, so the same traffic does not fire again at once.
     * KEYS: stats, marker. Returns 1 when a marker was there.
     */
    static final ScriptCall.Script CLEAR = ScriptCall.Script.of("""
            local h = redis.call('HMGET', KEYS[1], 'cur', 'prev', 'baseline')
            local seen = math.max(tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0)
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('HSET', KEYS[1], 'baseline', tostring(seen))
            end
            return redis.call('DEL', KEYS[2])
            """);

    /** Days a signal's normal rate is kept when nothing is counted. */
    static final Duration STATS_TTL = Duration.ofDays(14);

    /** The window a moment falls in, by its number since the epoch. */
    static long windowNumber(AbuseConfig.Signal signal, long nowMillis) {
        return nowMillis / signal.window().toMillis();
    }

    /** The arguments of one count at {@code nowMillis}. */
    static List<String> args(AbuseConfig.Signal signal, String mode, String member, String markerMode, long nowMillis) {
        long window = signal.window().toMillis();
        return List.of(mode, member, String.valueOf(nowMillis / window), String.valueOf(nowMillis % window), String.valueOf(window),
                String.valueOf(signal.floor()), String.valueOf(signal.factor()), String.valueOf(signal.learningRate()), markerMode,
                String.valueOf(STATS_TTL.toMillis()));
    }

    /** What one count says. */
    record Reading(boolean newlyFired, boolean marked, long estimate, long threshold, long baseline, long windowStartMillis) {
        static Reading of(Response r) {
            return new Reading(r.get(0).toLong() == 1, r.get(1).toLong() == 1, r.get(2).toLong(), r.get(3).toLong(),
                    r.get(4).toLong(), r.get(5).toLong());
        }
    }

    private SignalScript() {
    }
}
