package io.trackguard.tracking.abuse;

import io.trackguard.ratelimit.ScriptCall;

/**
 * One actor's counters, updated and checked atomically. All four keys carry the actor in the
 * same hash tag, so the script stays on one slot of a Redis Cluster.
 *
 * <p>KEYS: numbers (set of number hashes), misses, failed verifications, block marker.
 * ARGV: number hash or "", misses to add, failures to add, window ms, distinct limit,
 * miss limit, failure limit, cool-off ms.
 * Returns {blocked 0/1, newly blocked 0/1, block ms left, distinct, misses, failures,
 * window ms left}. "Newly" is true exactly once per episode: the block marker is only set
 * when absent.
 */
final class AbuseScript {

    static final ScriptCall.Script SCRIPT = ScriptCall.Script.of("""
            local function bump(key, by, window)
              local v = 0
              if by > 0 then
                v = redis.call('INCRBY', key, by)
                if v == by then redis.call('PEXPIRE', key, window) end
              else
                v = tonumber(redis.call('GET', key) or 0)
              end
              return v
            end
            local window = tonumber(ARGV[4])
            local blocked_ms = redis.call('PTTL', KEYS[4])
            local distinct = redis.call('SCARD', KEYS[1])
            if blocked_ms > 0 then
              return {1, 0, blocked_ms, distinct, tonumber(redis.call('GET', KEYS[2]) or 0), tonumber(redis.call('GET', KEYS[3]) or 0), 0}
            end
            if ARGV[1] ~= '' then
              if redis.call('SADD', KEYS[1], ARGV[1]) == 1 and distinct == 0 then
                redis.call('PEXPIRE', KEYS[1], window)
              end
              distinct = redis.call('SCARD', KEYS[1])
            end
            local misses = bump(KEYS[2], tonumber(ARGV[2]), window)
            local failures = bump(KEYS[3], tonumber(ARGV[3]), window)
            local window_left = redis.call('PTTL', KEYS[1])
            if distinct > tonumber(ARGV[5]) or misses > tonumber(ARGV[6]) or failures > tonumber(ARGV[7]) then
              redis.call('SET', KEYS[4], '1', 'PX', tonumber(ARGV[8]), 'NX')
              return {1, 1, tonumber(ARGV[8]), distinct, misses, failures, window_left}
            end
            return {0, 0, 0, distinct, misses, failures, window_left}
            """);

    private AbuseScript() {
    }
}
