package io.trackguard.tracking.limits;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.LimitResult;
import io.trackguard.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The 429 and 503 answers of limited endpoints. */
public final class Refusals {

    private Refusals() {
    }

    public static ProblemException rateLimited(LimitDecision decision) {
        return new ProblemException(Problem.typed("rate-limited", 429, "Too many requests",
                "Slow down: try again in " + Math.max(1, decision.retryAfterSeconds()) + " seconds."), decision.headers());
    }

    public static ProblemException blocked(Duration blockedFor, LimitDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>(decision.headers());
        long seconds = Math.max(1, blockedFor.toSeconds());
        headers.put("Retry-After", String.valueOf(seconds));
        return new ProblemException(Problem.typed("rate-limited", 429, "Too many requests",
                "Slow down: try again in " + seconds + " seconds."), headers);
    }

    /** Blocked, as this replica already knows without asking Redis: the policy's fields say nothing is left. */
    public static ProblemException blockedHere(Duration blockedFor, RateLimitPolicy policy) {
        long seconds = Math.max(1, blockedFor.toSeconds());
        return blocked(blockedFor, new LimitDecision(List.of(new LimitResult(policy, false, 0, seconds, seconds)), false));
    }

    /** Redis is unreachable: what needs the shared limiter to be safe is refused, not guessed. */
    public static ProblemException limiterUnavailable() {
        return new ProblemException(Problem.typed("temporarily-unavailable", 503, "Service unavailable",
                "This cannot be done right now. Try again in a minute."), Map.of("Retry-After", "30"));
    }
}
