package io.trackguard.ratelimit.guard;

import io.trackguard.problem.DependencyFailures;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.LimitResult;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.ratelimit.ScriptCall;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one guard of every limited request. A service says what a request needs
 * ({@code guard.demand(checks).blockedBy(...).about(...).admit()}); the guard decides it in one
 * round trip of the limiter (the extra signals in the same pipeline), reads every signal, and
 * then, in this order, refuses for a veto (its problem), a block (429, the block's Retry-After),
 * an unreachable limiter when the demand fails closed (503), a closed lock (the lock's 429) or a
 * limit (429). A refusal is given to the service's {@link RefusalRecorder} and thrown as a
 * problem; admitted or refused, the decision's fields wait in the request's {@link GuardState}
 * for {@link GuardHeaders} to write.
 */
@ApplicationScoped
public class Guard {

    /** Redis is unreachable: what needs the shared limiter to be safe is refused, not guessed. */
    static final Problem UNAVAILABLE = Problem.typed(DependencyFailures.SLUG, 503, "Service unavailable",
            "This cannot be done right now. Try again in a minute.");
    static final String UNAVAILABLE_RETRY_AFTER = "30";
    static final String RETRY_AFTER = "Retry-After";

    private final RateLimiter limiter;
    private final Supplier<GuardState> state;
    private final RefusalRecorder recorder;

    @Inject
    public Guard(RateLimiter limiter, RoutingContext http, RefusalRecorder recorder) {
        this(limiter, () -> GuardState.of(http), recorder);
    }

    /** For tests: any limiter, any state. */
    Guard(RateLimiter limiter, Supplier<GuardState> state, RefusalRecorder recorder) {
        this.limiter = limiter;
        this.state = state;
        this.recorder = recorder;
    }

    public Demand demand(LimitCheck... checks) {
        return new Demand(this, Arrays.asList(checks));
    }

    public Demand demand(List<LimitCheck> checks) {
        return new Demand(this, checks);
    }

    /**
     * A block this replica already knows, refused before asking Redis: the policy's fields say
     * nothing is left, Retry-After says when the block ends.
     */
    public ProblemException blocked(Duration left, RateLimitPolicy policy, Object about) {
        long seconds = Math.max(1, left.toSeconds());
        LimitDecision decision = new LimitDecision(List.of(new LimitResult(policy, false, 0, seconds, seconds)), false);
        return refuse(Refusal.Kind.BLOCKED, about, null, TooMany.RATE_LIMITED.problem(seconds), blockedHeaders(decision, seconds), decision);
    }

    /** A refusal known before asking Redis (a partner its records say is disabled): {@code problem}, no limit fields. */
    public ProblemException veto(Problem problem, String note, Object about) {
        return refuse(Refusal.Kind.VETOED, about, note, problem, Map.of(), null);
    }

    /**
     * Redis failed under an action that needs it (spending a one-time link, clearing a mark):
     * the same 503 as a demand that fails closed. Not a refusal of a demand, so nothing is recorded.
     */
    public ProblemException unavailable() {
        state.get().decided(null, Map.of(RETRY_AFTER, UNAVAILABLE_RETRY_AFTER));
        return new ProblemException(UNAVAILABLE);
    }

    LimitDecision admit(Demand d) {
        List<ScriptCall> calls = d.signals.stream().map(Signal::call).toList();
        RateLimiter.Combined combined = limiter.decideWith(d.checks, calls);
        List<Response> answers = combined.extra();
        for (int i = 0; i < d.signals.size(); i++) {
            d.signals.get(i).read(answers.isEmpty() ? null : answers.get(i));
        }
        LimitDecision decision = combined.decision();
        for (Demand.Veto veto : d.vetoes) {
            if (Boolean.TRUE.equals(veto.signal().value())) {
                throw giveBackAndRefuse(d, decision, Refusal.Kind.VETOED, veto.note(), veto.problem(), Map.of());
            }
        }
        for (Signal<Optional<Duration>> blocker : d.blockers) {
            Optional<Duration> blocked = blocker.value();
            if (blocked.isPresent()) {
                long seconds = Math.max(1, blocked.get().toSeconds());
                throw giveBackAndRefuse(d, decision, Refusal.Kind.BLOCKED, null, d.tooMany.problem(seconds),
                        blockedHeaders(decision, seconds));
            }
        }
        if (decision.degraded() && d.failClosed) {
            throw giveBackAndRefuse(d, decision, Refusal.Kind.UNAVAILABLE, "limiter unavailable", UNAVAILABLE,
                    Map.of(RETRY_AFTER, UNAVAILABLE_RETRY_AFTER));
        }
        if (!decision.allowed()) {
            for (Demand.Lock lock : d.locks) {
                LimitResult result = decision.results().get(lock.index());
                if (!result.allowed()) {
                    throw giveBackAndRefuse(d, decision, Refusal.Kind.LOCKED, null, lock.whenLocked(),
                            Map.of(RETRY_AFTER, String.valueOf(Math.max(1, result.retryAfterSeconds()))));
                }
            }
            throw giveBackAndRefuse(d, decision, Refusal.Kind.LIMITED, null,
                    d.tooMany.problem(Math.max(1, decision.retryAfterSeconds())), decision.headers());
        }
        state.get().decided(decision, decision.headers());
        return decision;
    }

    /** A refused request tried nothing: what it took from a lock goes back first. */
    private ProblemException giveBackAndRefuse(Demand d, LimitDecision decision, Refusal.Kind kind, String note, Problem problem,
                                               Map<String, String> headers) {
        for (Demand.Lock lock : d.locks) {
            LimitCheck taken = d.checks.get(lock.index());
            if (decision.results().get(lock.index()).allowed() && taken.cost() > 0) {
                limiter.refund(taken, decision);
            }
        }
        return refuse(kind, d.about, note, problem, headers, decision);
    }

    private ProblemException refuse(Refusal.Kind kind, Object about, String note, Problem problem, Map<String, String> headers,
                                    LimitDecision decision) {
        state.get().decided(decision, headers);
        recorder.refused(new Refusal(kind, about, note));
        return new ProblemException(problem);
    }

    private static Map<String, String> blockedHeaders(LimitDecision decision, long seconds) {
        Map<String, String> headers = new LinkedHashMap<>(decision.headers());
        headers.put(RETRY_AFTER, String.valueOf(seconds));
        return headers;
    }
}
