package io.trackguard.problem;

import java.util.Map;

/**
 * Thrown by services for an answer that is a problem of their own kind (an invalid tracking
 * number, a quota...). Carries the problem and any extra response headers (Retry-After...).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
