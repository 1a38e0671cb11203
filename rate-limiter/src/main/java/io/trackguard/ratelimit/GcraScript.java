package io.trackguard.ratelimit;

/**
 * The Lua script that makes one decision atomically inside Redis, on one key (so one hash
 * slot). Time comes from Redis itself, so replicas with skewed clocks agree.
 *
 * <p>ARGV: kind ("rate" or "window"), emission interval ms, burst tolerance ms, limit,
 * window ms, cost (a window admits a cost only if all of it fits). Returns {allowed (1/0), remaining, reset ms, retry-after ms}.
 */
final class GcraScript {

    static final String SOURCE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local kind = ARGV[1]
            local cost = tonumber(ARGV[6])
            if kind == 'rate' then
              local interval = tonumber(ARGV[2])
              local tolerance = tonumber(ARGV[3])
              local tat = tonumber(redis.call('GET', KEYS[1]) or now)
              if tat < now then tat = now end
              local new_tat = tat + interval * cost
              local allow_at = new_tat - tolerance - interval
              if cost > 0 and now < allow_at then
                return {0, 0, tat - now, allow_at - now}
              end
              if cost == 0 and now < tat - tolerance then
                -- a peek: refused when the next request would be
                return {0, 0, tat - now, tat - tolerance - now}
              end
              if cost > 0 then
                redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now + 1)
              end
              local remaining = math.floor((now - (new_tat - tolerance - interval)) / interval)
              if cost == 0 then remaining = math.floor((now - tat + tolerance) / interval) + 1 end
              if remaining < 0 then remaining = 0 end
              return {1, remaining, new_tat - now, 0}
            else
              local limit = tonumber(ARGV[4])
              local window = tonumber(ARGV[5])
              local count = tonumber(redis.call('GET', KEYS[1]) or 0)
              local ttl = redis.call('PTTL', KEYS[1])
              if ttl < 0 then ttl = window end
              if count + math.max(cost, 1) > limit then
                -- a cost of several (a batch) must fit whole; a peek asks whether one more would
                local left = limit - count
                if left < 0 then left = 0 end
                return {0, left, ttl, ttl}
              end
              if cost > 0 then
                count = redis.call('INCRBY', KEYS[1], cost)
                if count == cost then redis.call('PEXPIRE', KEYS[1], window) end
              end
              local remaining = limit - count
              if remaining < 0 then remaining = 0 end
              return {1, remaining, ttl, 0}
            end
            """;

    /**
     * Gives back events counted on a WINDOW key, for an attempt taken before its outcome was
     * known (a verification that succeeded). Never below zero; at zero the key goes, so the
     * next counted event starts a new window as if the refunded one had never been counted.
     * ARGV: cost. Returns the count after the refund.
     */
    static final String REFUND_SOURCE = """
            local count = tonumber(redis.call('GET', KEYS[1]) or 0)
            local cost = tonumber(ARGV[1])
            if count <= cost then
              redis.call('DEL', KEYS[1])
              return 0
            end
            return redis.call('DECRBY', KEYS[1], cost)
            """;

    private GcraScript() {
    }
}
