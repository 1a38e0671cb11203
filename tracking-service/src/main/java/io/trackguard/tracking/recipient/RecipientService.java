package io.trackguard.tracking.recipient;

import io.quarkus.redis.datasource.RedisDataSource;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.LimitResult;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.SqlTimes;
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
import io.trackguard.tracking.shipment.Provinces;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proving to be the recipient, and what that unlocks. An unknown number, a wrong postal code
 * and a shipment that is not the caller's all get the same answer through the same steps
 * (a lookup and a constant-time comparison), so no answer tells them apart. Failures are
 * counted per shipment (locked after 5 in 24 hours) and per actor (enumeration detection).
 * Everything here needs the shared limiter: while Redis is unreachable it fails closed.
 */
@ApplicationScoped
public class RecipientService {

    /** Compared against when the number matches nothing, so both paths do the same work. */
    private static final byte[] NO_SHIPMENT = "#NONE#".getBytes(StandardCharsets.US_ASCII);
    private static final java.util.regex.Pattern POSTAL = java.util.regex.Pattern.compile(Provinces.POSTAL_CODE);

    private final RateLimiter limiter;
    private final AbuseDetector abuse;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RecipientTokens tokens;
    private final RecipientSession sessions;
    private final RecipientConfig config;
    private final RedisDataSource redis;
    private final EntityManager em;
    private final RoutingContext http;
    private final AccessLog accessLog;

    public RecipientService(RateLimiter limiter, AbuseDetector abuse, Policies policies, ShipmentService shipments,
                            Disclosures disclosures, Audit audit, Pseudonyms pseudonyms, CurrentRequest request,
                            RecipientTokens tokens, RecipientSession sessions, RecipientConfig config, RedisDataSource redis,
                            EntityManager em, RoutingContext http, AccessLog accessLog) {
        this.limiter = limiter;
        this.abuse = abuse;
        this.policies = policies;
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.tokens = tokens;
        this.sessions = sessions;
        this.config = config;
        this.redis = redis;
        this.em = em;
        this.http = http;
        this.accessLog = accessLog;
    }

    public Verified verify(String rawNumber, String postalCode) {
        Actor actor = request.anonymous(ActorKind.RECIPIENT);
        TrackingNumber number = TrackingNumbers.require(rawNumber);
        String hash = pseudonyms.trackingNumber(number.value());
        RateLimiter.Combined combined = limiter.decideWith(
                List.of(LimitCheck.of(policies.verificationsPerClient(), actor.id()),
                        LimitCheck.peek(policies.verificationFailuresPerShipment(), hash)),
                List.of(abuse.call(actor.id(), null, 0, 0)));
        refuseIfLimited(actor, hash, combined);

        Optional<Shipment> shipment = shipments.findByNumber(number);
        byte[] expected = shipment.map(s -> s.destinationPostalCode.getBytes(StandardCharsets.US_ASCII)).orElse(NO_SHIPMENT);
        byte[] given = POSTAL.matcher(postalCode.trim()).matches()
                ? Provinces.canonicalPostalCode(postalCode.trim()).getBytes(StandardCharsets.US_ASCII) : new byte[0];
        boolean match = MessageDigest.isEqual(expected, given) && shipment.isPresent();
        if (!match) {
            RateLimiter.Combined counted = limiter.decideWith(List.of(LimitCheck.of(policies.verificationFailuresPerShipment(), hash)),
                    List.of(abuse.call(actor.id(), null, 0, 1)));
            abuse.read(actor.id(), counted.extra().isEmpty() ? null : counted.extra().get(0));
            audit.attempt(actor, shipment.map(s -> s.id).orElse(null), shipment.map(Shipment::partnerId).orElse(null), hash,
                    Outcome.VERIFY_FAILED, null);
            throw new ProblemException(Problem.typed("verification-failed", 403, "Verification failed",
                    "The tracking number and the postal code do not match a shipment."));
        }
        audit.attempt(actor, shipment.get().id, shipment.get().partnerId(), hash, Outcome.VERIFIED, "postal code");
        return new Verified(number.value(), tokens.session(hash), Instant.now().plus(sessions.ttl()));
    }

    /** A one-time link from a notice: valid, unexpired, unspent, then spent. */
    public Verified redeem(String token) {
        Actor actor = request.anonymous(ActorKind.RECIPIENT);
        RecipientTokens.Claims claims = tokens.readLink(token).orElseThrow(RecipientService::invalidLink);
        LimitDecision decision = limiter.decide(LimitCheck.of(policies.verificationsPerClient(), actor.id()));
        if (decision.degraded()) {
            throw Refusals.limiterUnavailable();
        }
        if (!decision.allowed()) {
            throw Refusals.rateLimited(decision);
        }
        boolean firstUse;
        try {
            firstUse = redis.execute("SET", config.spentLinkPrefix() + "{" + claims.id() + "}", "1", "NX", "PXAT",
                    String.valueOf(claims.expiresAt().toEpochMilli() + 60_000)) != null;
        } catch (RuntimeException e) {
            throw Refusals.limiterUnavailable();
        }
        if (!firstUse) {
            audit.attempt(actor, null, null, claims.numberHash(), Outcome.VERIFY_FAILED, "link already used");
            throw invalidLink();
        }
        audit.attempt(actor, null, null, claims.numberHash(), Outcome.VERIFIED, "one-time link");
        return new Verified(claims.trackingNumber(), tokens.session(claims.numberHash()), Instant.now().plus(sessions.ttl()));
    }

    public ShipmentView details(String rawNumber) {
        Actor actor = request.anonymous(ActorKind.RECIPIENT);
        Shipment shipment = provenShipment(actor, rawNumber);
        return disclosures.disclose(shipment, Tier.RECIPIENT, actor);
    }

    /** Who looked at my parcel: when, which kind of caller, which tier. Never who they are. */
    public List<AccessEntry> accesses(String rawNumber) {
        Actor actor = request.anonymous(ActorKind.RECIPIENT);
        Shipment shipment = provenShipment(actor, rawNumber);
        // what is still queued belongs in the answer too: the recipient may have just verified
        accessLog.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT occurred_at, actor_kind, tier, outcome FROM access_record
                WHERE shipment_id = ?1 AND outcome IN ('DISCLOSED', 'VERIFIED', 'VERIFY_FAILED')
                ORDER BY occurred_at DESC LIMIT 100""").setParameter(1, shipment.id).getResultList();
        audit.disclosed(actor, shipment.id, shipment.partnerId(), pseudonyms.trackingNumber(shipment.trackingNumber), Tier.RECIPIENT,
                List.of("accesses"), null);
        return rows.stream().map(r -> new AccessEntry(SqlTimes.instant(r[0]), (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    /** A detailed view needs a session for this very number, and the shared limiter (fail closed). */
    private Shipment provenShipment(Actor actor, String rawNumber) {
        TrackingNumber number = TrackingNumbers.require(rawNumber);
        String hash = pseudonyms.trackingNumber(number.value());
        LimitDecision decision = limiter.decide(LimitCheck.of(policies.lookupsPerClient(), actor.id()));
        if (decision.degraded()) {
            audit.attempt(actor, null, null, hash, Outcome.DENIED, "limiter unavailable");
            throw Refusals.limiterUnavailable();
        }
        if (!decision.allowed()) {
            audit.attempt(actor, null, null, hash, Outcome.LIMITED, null);
            throw Refusals.rateLimited(decision);
        }
        if (!sessions.provesRecipientOf(http, number.value())) {
            audit.attempt(actor, null, null, hash, Outcome.DENIED, "no recipient session");
            throw RecipientSession.required();
        }
        return shipments.findByNumber(number).orElseThrow(RecipientSession::required);
    }

    private void refuseIfLimited(Actor actor, String hash, RateLimiter.Combined combined) {
        LimitDecision decision = combined.decision();
        if (decision.degraded()) {
            audit.attempt(actor, null, null, hash, Outcome.DENIED, "limiter unavailable");
            throw Refusals.limiterUnavailable();
        }
        AbuseDetector.Verdict verdict = abuse.read(actor.id(), combined.extra().isEmpty() ? null : combined.extra().get(0));
        if (verdict.blocked()) {
            audit.attempt(actor, null, null, hash, Outcome.BLOCKED, null);
            throw Refusals.blocked(verdict.blockedFor(), decision);
        }
        if (decision.allowed()) {
            return;
        }
        boolean locked = decision.results().stream()
                .anyMatch(r -> !r.allowed() && r.policy().equals(policies.verificationFailuresPerShipment()));
        if (locked) {
            audit.attempt(actor, null, null, hash, Outcome.LOCKED, null);
            LimitResult lock = decision.results().stream().filter(r -> !r.allowed()).findFirst().orElseThrow();
            throw new ProblemException(Problem.typed("verification-locked", 429, "Verification locked",
                    "Too many wrong postal codes for this tracking number. Use the link in your notice, or try again later."),
                    Map.of("Retry-After", String.valueOf(Math.max(1, lock.retryAfterSeconds()))));
        }
        audit.attempt(actor, null, null, hash, Outcome.LIMITED, null);
        throw Refusals.rateLimited(decision);
    }

    private static ProblemException invalidLink() {
        return new ProblemException(Problem.typed("link-invalid", 403, "Link not valid",
                "This link has expired or has already been used. Verify with the destination postal code instead."));
    }

}
