package io.trackguard.ratelimit.guard;

import io.trackguard.problem.Problem;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one request needs from the limiter, said in one expression and decided in one round
 * trip by {@link #admit()}: the limits it counts against, the signals that ride along, what
 * may refuse it besides the limits, and what it is about (for the record of a refusal).
 */
public final class Demand {

    /** A lock of attempts: a WINDOW check taken before the outcome is known, and the answer when it is closed. */
    record Lock(int index, Problem whenLocked) {
    }

    record Veto(Signal<Boolean> signal, Problem problem, String note) {
    }

    private final Guard guard;
    final List<LimitCheck> checks = new ArrayList<>();
    final List<Signal<?>> signals = new ArrayList<>();
    final List<Signal<Optional<Duration>>> blockers = new ArrayList<>();
    final List<Veto> vetoes = new ArrayList<>();
    final List<Lock> locks = new ArrayList<>();
    boolean failClosed;
    TooMany tooMany = TooMany.RATE_LIMITED;
    Object about;

    Demand(Guard guard, List<LimitCheck> checks) {
        this.guard = guard;
        this.checks.addAll(checks);
    }

    /** More limits to count against. */
    public Demand check(LimitCheck... more) {
        checks.addAll(Arrays.asList(more));
        return this;
    }

    /**
     * A lock of attempts (a WINDOW check with a cost): closed, it refuses with {@code whenLocked}
     * and only its own Retry-After. Whenever the request is refused, what it took from the lock is
     * given back, since it tried nothing; on success the caller gives it back once the attempt
     * turns out right ({@code RateLimiter.refund}).
     */
    public Demand lock(LimitCheck attempt, Problem whenLocked) {
        locks.add(new Lock(checks.size(), whenLocked));
        checks.add(attempt);
        return this;
    }

    /** A signal to read in the same round trip (a detector's counter); it refuses nothing itself. */
    public Demand with(Signal<?> signal) {
        signals.add(signal);
        return this;
    }

    /** A detector whose answer may be a block, for how long: refused with 429 and that Retry-After. */
    public Demand blockedBy(Signal<Optional<Duration>> block) {
        signals.add(block);
        blockers.add(block);
        return this;
    }

    /** A flag whose answer {@code true} refuses the request outright with {@code problem}; {@code note} goes to the record. */
    public Demand vetoedBy(Signal<Boolean> flag, Problem problem, String note) {
        signals.add(flag);
        vetoes.add(new Veto(flag, problem, note));
        return this;
    }

    /** While the shared limiter cannot be asked, refuse (503) instead of deciding in process. */
    public Demand failClosed() {
        failClosed = true;
        return this;
    }

    /** The service's own wording of its 429. */
    public Demand tooMany(TooMany wording) {
        tooMany = wording;
        return this;
    }

    /** What the request is about, handed to the {@link RefusalRecorder} with a refusal. */
    public Demand about(Object subject) {
        about = subject;
        return this;
    }

    /**
     * Decides in one round trip; refuses by throwing the problem (after recording it), or
     * admits and returns the decision. Either way the answer will carry the decision's fields.
     */
    public LimitDecision admit() {
        return guard.admit(this);
    }
}
