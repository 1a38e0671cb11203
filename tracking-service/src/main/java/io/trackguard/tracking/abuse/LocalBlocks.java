package io.trackguard.tracking.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * The blocks this replica has seen in Redis' answers, each kept until it ends. While Redis
 * is slow or away, the limiter decides in process and reads no block: these still hold. A
 * blocked actor is also refused from here at once, without a Redis round trip or a
 * database read. Per replica: a replica that never saw the block does not know it.
 */
@ApplicationScoped
public class LocalBlocks {

    /** Blocked id (ip:, net56:, net48:, user:) to the end of its block, epoch ms. */
    private final Cache<String, Long> until;

    public LocalBlocks(AbuseConfig config) {
        this.until = Caffeine.newBuilder()
                .maximumSize(config.localBlocks())
                .expireAfter(Expiry.writing((String id, Long end) -> Duration.ofMillis(Math.max(0, end - System.currentTimeMillis()))))
                .build();
    }

    void record(String id, Duration left) {
        long end = System.currentTimeMillis() + left.toMillis();
        until.asMap().merge(id, end, Math::max);
    }

    /** How long the longest block on any of these ids still runs, if one does. */
    Optional<Duration> remaining(Collection<String> ids) {
        long now = System.currentTimeMillis();
        long longest = 0;
        for (String id : ids) {
            Long end = until.getIfPresent(id);
            if (end != null && end - now > longest) {
                longest = end - now;
            }
        }
        return longest > 0 ? Optional.of(Duration.ofMillis(longest)) : Optional.empty();
    }
}
