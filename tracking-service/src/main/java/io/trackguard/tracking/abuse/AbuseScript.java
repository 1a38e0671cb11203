package io.trackguard.tracking.abuse;

import io.trackguard.ratelimit.ScriptCall;

/**
 * One actor's counters, and those of the networks it belongs to (an IPv6 client's /56 and
 * /48), updated and checked atomically. All keys carry the same hash tag (the widest
 * network's, or the actor's own), so the script stays on one slot of a Redis Cluster.
 *
 * <p>Levels, narrowest first; five keys each: numbers (set of number hashes), misses, failed
 * verifications, block marker, members (set of the client pseudonyms seen in a network).
 * ARGV: number hash or "", misses to add, failures to add, window ms, cool-off ms, the member
 * to list in the networks or "", most members listed, then per level: distinct, miss and
 * failure limits.
 *
 * <p>An actor is blocked while it or any of its networks is: then nothing is counted, and the
 * answer is {1, blocking level, block ms left, {}}. Otherwise everything is counted and the
 * answer is {blocked 0/1, first blocking level or -1, block ms, levels}, each level being
 * {newly blocked 0/1, distinct, misses, failures, window ms left, members if newly blocked}.
 * "Newly" is true exactly once per episode: a block marker is only set when absent.
 */
final class AbuseScript {

    static final int KEYS_PER_LEVEL = 5;

    static final ScriptCall.Script SCRIPT = ScriptCall.Script.of("""
            local function bump(key, by, window)
              if by > 0 then
                local v = redis.call('INCRBY', key, by)
                if v == by then redis.call('PEXPIRE', key, window) end
                return v
              end
              return tonumber(redis.call('GET', key) or 0)
            end
            local function window_left(k)
              local left = 0
              for j = 1, 3 do
                local t = redis.call('PTTL', KEYS[k + j])
                if t > left then left = t end
              end
              return left
            end
            local levels = #KEYS / 5
            local window = tonumber(ARGV[4])
            local cool_off = tonumber(ARGV[5])
            for i = 0, levels - 1 do
              local ms = redis.call('PTTL', KEYS[5 * i + 4])
              if ms > 0 then return {1, i, ms, {}} end
            end
            local blocked, blocking = 0, -1
            local out = {}
            for i = 0, levels - 1 do
              local k = 5 * i
              local distinct = redis.call('SCARD', KEYS[k + 1])
              if ARGV[1] ~= '' and redis.call('SADD', KEYS[k + 1], ARGV[1]) == 1 then
                distinct = distinct + 1
                if distinct == 1 then redis.call('PEXPIRE', KEYS[k + 1], window) end
              end
              local misses = bump(KEYS[k + 2], tonumber(ARGV[2]), window)
              local failures = bump(KEYS[k + 3], tonumber(ARGV[3]), window)
              if i > 0 and ARGV[6] ~= '' and redis.call('SCARD', KEYS[k + 5]) < tonumber(ARGV[7]) then
                redis.call('SADD', KEYS[k + 5], ARGV[6])
                if redis.call('PTTL', KEYS[k + 5]) < 0 then redis.call('PEXPIRE', KEYS[k + 5], window) end
              end
              local a = 8 + 3 * i
              local newly = 0
              local members = {}
              if distinct > tonumber(ARGV[a]) or misses > tonumber(ARGV[a + 1]) or failures > tonumber(ARGV[a + 2]) then
                redis.call('SET', KEYS[k + 4], '1', 'PX', cool_off)
                newly = 1
                if i > 0 then members = redis.call('SMEMBERS', KEYS[k + 5]) end
                if blocked == 0 then blocked, blocking = 1, i end
              end
              out[i + 1] = {newly, distinct, misses, failures, window_left(k), members}
            end
            return {blocked, blocking, blocked == 1 and cool_off or 0, out}
            """);

    private AbuseScript() {
    }
}
