package io.trackguard.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters of kinds JAX-RS does not parse, with a 400 problem that names the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.typed("invalid-request", 400, "Invalid request",
                    name + ": an ISO-8601 instant such as 2026-11-28T00:00:00Z"));
        }
    }
}
