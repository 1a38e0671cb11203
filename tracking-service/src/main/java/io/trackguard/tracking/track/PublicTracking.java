package io.trackguard.tracking.track;

import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.Tier;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.limits.Refusals;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public lookup: rate limits and enumeration detection in one Redis round trip, then the
 * public view, with every attempt in the audit log. An actor that walks through numbers is
 * blocked after a handful; what it saw until then is the public column only.
 */
@ApplicationScoped
public class PublicTracking {

    private static final LimitDecision UNLIMITED = new LimitDecision(List.of(), false);

    /** A view and the RateLimit fields to send with it. */
    public record Answer(ShipmentView view, Map<String, String> headers) {
    }

    private final RateLimiter limiter;
    private final AbuseDetector abuse;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final boolean limited;

    public PublicTracking(RateLimiter limiter, AbuseDetector abuse, Policies policies, ShipmentService shipments,
                          Disclosures disclosures, Audit audit, Pseudonyms pseudonyms, CurrentRequest request,
                          io.trackguard.tracking.limits.TrackingLimits limits) {
        this.limiter = limiter;
        this.abuse = abuse;
        this.policies = policies;
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.limited = limits.publicLookupsLimited();
    }

    public Answer lookup(String rawNumber) {
        Actor actor = request.anonymous(ActorKind.PUBLIC);
        TrackingNumber.Parsed parsed = TrackingNumber.parse(rawNumber);
        String numberHash = parsed.valid() ? pseudonyms.trackingNumber(parsed.number().value()) : null;

        LimitDecision decision = limited ? guard(actor, numberHash, parsed.valid() ? 0 : 1) : UNLIMITED;
        if (!parsed.valid()) {
            audit.attempt(actor, null, null, null, Outcome.INVALID, null);
            TrackingNumbers.require(rawNumber); // throws the 400 that says what is wrong
        }
        Optional<Shipment> shipment = shipments.findByNumber(parsed.number());
        if (shipment.isEmpty() && !limited) {
            audit.attempt(actor, null, null, numberHash, Outcome.NOT_FOUND, null);
            throw ShipmentNotFound.problem();
        }
        if (shipment.isEmpty()) {
            audit.attempt(actor, null, null, numberHash, Outcome.NOT_FOUND, null);
            LimitDecision afterMiss = limiter.decideWith(List.of(LimitCheck.of(policies.missesPerClient(), actor.id())),
                    List.of(abuse.call(actor.id(), null, 1, 0))).decision();
            ProblemException notFound = ShipmentNotFound.problem();
            throw new ProblemException(notFound.problem(), afterMiss.allowed() ? decision.headers() : afterMiss.headers());
        }
        ShipmentView view = disclosures.disclose(shipment.get(), Tier.PUBLIC, actor);
        return new Answer(view, decision.headers());
    }

    /**
     * Counts the attempt against the client, the number and the actor's enumeration counters;
     * refuses (429) when a limit or a block says so. {@code misses}: 1 for a malformed number.
     */
    private LimitDecision guard(Actor actor, String numberHash, int misses) {
        List<LimitCheck> checks = new ArrayList<>(3);
        checks.add(LimitCheck.of(policies.lookupsPerClient(), actor.id()));
        checks.add(LimitCheck.peek(policies.missesPerClient(), actor.id()));
        if (numberHash != null) {
            checks.add(LimitCheck.of(policies.lookupsPerNumber(), numberHash));
        }
        RateLimiter.Combined combined = limiter.decideWith(checks, List.of(abuse.call(actor.id(), numberHash, misses, 0)));
        AbuseDetector.Verdict verdict = abuse.read(actor.id(), combined.extra().isEmpty() ? null : combined.extra().get(0));
        LimitDecision decision = combined.decision();
        if (verdict.blocked()) {
            audit.attempt(actor, null, null, numberHash, Outcome.BLOCKED, null);
            throw Refusals.blocked(verdict.blockedFor(), decision);
        }
        if (!decision.allowed()) {
            audit.attempt(actor, null, null, numberHash, Outcome.LIMITED, null);
            throw Refusals.rateLimited(decision);
        }
        return decision;
    }
}
