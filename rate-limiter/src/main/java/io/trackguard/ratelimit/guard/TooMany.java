package io.trackguard.ratelimit.guard;

import io.trackguard.problem.Problem;

/**
 * How a service words its 429: the problem type, the title, and the detail with the seconds
 * to wait ({@code %d}). Each service keeps the wording its clients already know.
 */
public record TooMany(String slug, String title, String detailFormat) {

    /** tracking-service's wording, the default. */
    public static final TooMany RATE_LIMITED = new TooMany("rate-limited", "Too many requests", "Slow down: try again in %d seconds.");

    Problem problem(long seconds) {
        return Problem.typed(slug, 429, title, String.format(detailFormat, seconds));
    }
}
