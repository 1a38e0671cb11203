package io.trackguard.ratelimit.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.LimitResult;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.ratelimit.RateLimiterConfig;
import io.trackguard.ratelimit.ScriptCall;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The guard's verdicts, with a limiter that answers what each test says: the order, the problems, the fields, the records. */
class GuardTest {

    private static final RateLimitPolicy LOOKUPS = RateLimitPolicy.rate("lookups", 60, Duration.ofMinutes(10), 20);
    private static final RateLimitPolicy NUMBER = RateLimitPolicy.rate("number", 300, Duration.ofHours(1), 30);
    private static final RateLimitPolicy FAILURES = RateLimitPolicy.window("verify-failures", 5, Duration.ofDays(1));
    private static final ScriptCall CALL = new ScriptCall(ScriptCall.Script.of("return 1"), List.of("k"), List.of());

    private final FakeLimiter limiter = new FakeLimiter();
    private final GuardState state = new GuardState();
    private final List<Refusal> refusals = new ArrayList<>();
    private final Guard guard = new Guard(limiter, () -> state, refusals::add);

    @Test
    void anAdmittedRequestLeavesItsFieldsForTheAnswerAndRecordsNothing() {
        limiter.answer(false, ok(LOOKUPS, 41), ok(NUMBER, 299));
        LimitDecision decision = guard.demand(LimitCheck.of(LOOKUPS, "a"), LimitCheck.of(NUMBER, "n")).admit();
        assertTrue(decision.allowed());
        assertEquals(Map.of("RateLimit-Policy", "\"lookups\";q=60;w=600, \"number\";q=300;w=3600",
                "RateLimit", "\"lookups\";r=41;t=10"), state.headers());
        assertTrue(refusals.isEmpty());
    }

    @Test
    void overALimitIs429WithTheFieldsAndRetryAfterAndIsRecorded() {
        limiter.answer(false, refused(LOOKUPS, 7), ok(NUMBER, 299));
        ProblemException e = assertThrows(ProblemException.class,
                () -> guard.demand(LimitCheck.of(LOOKUPS, "a"), LimitCheck.of(NUMBER, "n")).about("actor a").admit());
        assertEquals(Problem.typed("rate-limited", 429, "Too many requests", "Slow down: try again in 7 seconds."), e.problem());
        assertTrue(e.headers().isEmpty(), "the fields travel one way only: the guard's state");
        assertEquals("\"lookups\";r=0;t=7", state.headers().get("RateLimit"));
        assertEquals("7", state.headers().get("Retry-After"));
        assertEquals(List.of(new Refusal(Refusal.Kind.LIMITED, "actor a", null)), refusals);
    }

    @Test
    void aServiceWordsItsOwn429() {
        limiter.answer(false, refused(LOOKUPS, 3));
        ProblemException e = assertThrows(ProblemException.class, () -> guard.demand(LimitCheck.of(LOOKUPS, "a"))
                .tooMany(new TooMany("quota-exceeded", "Quota exceeded", "Your plan's limit is reached; try again in %d seconds."))
                .admit());
        assertEquals(Problem.typed("quota-exceeded", 429, "Quota exceeded", "Your plan's limit is reached; try again in 3 seconds."),
                e.problem());
    }

    @Test
    void aBlockComesBeforeTheLimitsAndSaysHowLongItLasts() {
        limiter.answer(false, refused(LOOKUPS, 7));
        ProblemException e = assertThrows(ProblemException.class, () -> guard.demand(LimitCheck.of(LOOKUPS, "a"))
                .blockedBy(Signal.of(CALL, answer -> Optional.of(Duration.ofMinutes(15)))).admit());
        assertEquals("Slow down: try again in 900 seconds.", e.problem().detail());
        assertEquals("900", state.headers().get("Retry-After"));
        assertEquals("\"lookups\";r=0;t=7", state.headers().get("RateLimit"));
        assertEquals(Refusal.Kind.BLOCKED, refusals.get(0).kind());
    }

    @Test
    void everySignalIsReadEvenWhenTheRequestIsRefused() {
        limiter.answer(false, refused(LOOKUPS, 7));
        Signal<String> counter = Signal.of(CALL, answer -> "read");
        assertThrows(ProblemException.class, () -> guard.demand(LimitCheck.of(LOOKUPS, "a")).with(counter).admit());
        assertEquals("read", counter.value());
        assertEquals(List.of(CALL), limiter.extraSent, "the signal rode in the decision's round trip");
        assertEquals(1, limiter.decisions, "one decision, one round trip: the guard adds none");
    }

    @Test
    void anUnreachableLimiterRefusesWhatFailsClosedAndLetsTheRestGoOnInProcess() {
        limiter.answer(true, ok(LOOKUPS, 3));
        assertTrue(guard.demand(LimitCheck.of(LOOKUPS, "a")).admit().allowed());
        assertEquals("\"lookups\";r=3;t=10", state.headers().get("RateLimit"));

        limiter.answer(true, ok(LOOKUPS, 3));
        ProblemException e = assertThrows(ProblemException.class, () -> guard.demand(LimitCheck.of(LOOKUPS, "a")).failClosed().admit());
        assertEquals(Problem.typed("temporarily-unavailable", 503, "Service unavailable",
                "This cannot be done right now. Try again in a minute."), e.problem());
        assertEquals(Map.of("Retry-After", "30"), state.headers());
        assertEquals(List.of(new Refusal(Refusal.Kind.UNAVAILABLE, null, "limiter unavailable")), refusals);
    }

    @Test
    void aClosedLockAnswersItsOwnProblemWithItsRetryAfterOnly() {
        Problem locked = Problem.typed("verification-locked", 429, "Verification locked", "Too many wrong postal codes.");
        limiter.answer(false, ok(LOOKUPS, 5), refused(FAILURES, 3600));
        LimitCheck attempt = LimitCheck.of(FAILURES, "n");
        ProblemException e = assertThrows(ProblemException.class,
                () -> guard.demand(LimitCheck.of(LOOKUPS, "a")).lock(attempt, locked).admit());
        assertEquals(locked, e.problem());
        assertEquals(Map.of("Retry-After", "3600"), state.headers());
        assertEquals(Refusal.Kind.LOCKED, refusals.get(0).kind());
        assertTrue(limiter.refunded.isEmpty(), "a closed lock took nothing");
    }

    @Test
    void aRequestRefusedForAnotherReasonGivesBackWhatItTookFromTheLock() {
        Problem locked = Problem.typed("verification-locked", 429, "Verification locked", "Too many wrong postal codes.");
        limiter.answer(false, refused(LOOKUPS, 5), ok(FAILURES, 2));
        LimitCheck attempt = LimitCheck.of(FAILURES, "n");
        ProblemException e = assertThrows(ProblemException.class,
                () -> guard.demand(LimitCheck.of(LOOKUPS, "a")).lock(attempt, locked).admit());
        assertEquals("rate-limited", e.problem().type().replace(Problem.TYPE_PREFIX, ""));
        assertEquals(List.of(attempt), limiter.refunded);
    }

    @Test
    void aVetoRefusesFirstWithItsProblemAndNoLimitFields() {
        Problem disabled = Problem.of(403, "Forbidden", "This partner account is disabled.");
        limiter.answer(false, refused(LOOKUPS, 5));
        ProblemException e = assertThrows(ProblemException.class, () -> guard.demand(LimitCheck.of(LOOKUPS, "p"))
                .vetoedBy(Signal.of(CALL, answer -> true), disabled, "partner disabled").admit());
        assertEquals(disabled, e.problem());
        assertTrue(state.headers().isEmpty());
        assertEquals(List.of(new Refusal(Refusal.Kind.VETOED, null, "partner disabled")), refusals);
    }

    @Test
    void aBlockKnownHereIsRefusedWithoutAskingTheLimiter() {
        ProblemException e = guard.blocked(Duration.ofSeconds(90), LOOKUPS, "actor a");
        assertEquals("Slow down: try again in 90 seconds.", e.problem().detail());
        assertEquals(Map.of("RateLimit-Policy", "\"lookups\";q=60;w=600", "RateLimit", "\"lookups\";r=0;t=90", "Retry-After", "90"),
                state.headers());
        assertEquals(0, limiter.decisions);
        assertEquals(List.of(new Refusal(Refusal.Kind.BLOCKED, "actor a", null)), refusals);
    }

    private static LimitResult ok(RateLimitPolicy policy, long remaining) {
        return new LimitResult(policy, true, remaining, 10, 0);
    }

    private static LimitResult refused(RateLimitPolicy policy, long retryAfter) {
        return new LimitResult(policy, false, 0, retryAfter, retryAfter);
    }

    /** Answers the results it was given, one per check, and keeps what it was asked. */
    static final class FakeLimiter extends RateLimiter {
        private LimitDecision next;
        int decisions;
        final List<ScriptCall> extraSent = new ArrayList<>();
        final List<LimitCheck> refunded = new ArrayList<>();

        FakeLimiter() {
            super(null, config(), "standalone");
        }

        void answer(boolean degraded, LimitResult... results) {
            next = new LimitDecision(List.of(results), degraded);
        }

        @Override
        public Combined decideWith(List<LimitCheck> checks, List<ScriptCall> extra) {
            decisions++;
            assertEquals(next.results().size(), checks.size(), "one result per check");
            extraSent.addAll(extra);
            // answers read as null, as when Redis could not be asked: the readers here do not look
            return new Combined(next, next.degraded() ? List.of() : Arrays.asList(new Response[extra.size()]));
        }

        @Override
        public void refund(LimitCheck taken, LimitDecision decidedBy) {
            refunded.add(taken);
        }

        private static RateLimiterConfig config() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("fallbackMaxKeys", 10);
            return (RateLimiterConfig) java.lang.reflect.Proxy.newProxyInstance(GuardTest.class.getClassLoader(),
                    new Class<?>[] {RateLimiterConfig.class}, (proxy, method, args) -> values.get(method.getName()));
        }
    }
}
