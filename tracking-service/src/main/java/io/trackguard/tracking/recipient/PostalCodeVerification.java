package io.trackguard.tracking.recipient;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.limits.Attempt;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.shipment.Provinces;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Proving to be the recipient with the postal code; what that unlocks is {@link RecipientDetails}
 * and {@link WhoLooked}. An unknown number, a wrong postal code and a shipment that is not the
 * caller's get the same answer through the same work: one limiter round trip that takes the attempt, one statement that answers one row
 * of three columns (an unknown number's row holds a stand-in code), one constant-time comparison, one round
 * trip that counts the failure, one audit record. So neither the answer nor its time tells
 * them apart (bench/RESULTS.md).
 *
 * <p>Failures are limited per shipment (5 in 24 hours, then locked) and counted per actor
 * (enumeration detection). The per-shipment attempt is taken atomically before comparing and
 * given back on success, so concurrent wrong codes cannot exceed the limit. Everything here
 * needs the shared limiter: while Redis is unreachable it fails closed. The {@link Guard} answers
 * and records every refusal, and gives a taken attempt back when it refuses.
 */
@ApplicationScoped
public class PostalCodeVerification {

    private static final Pattern POSTAL = Pattern.compile(Provinces.POSTAL_CODE);

    /** The three columns a verification needs; {@code id} null for an unknown number. */
    private record Candidate(UUID id, String partnerId, byte[] postalCode) {
    }

    /** The answer when the shipment's failures are used up: the link still works. */
    static final Problem LOCKED = Problem.typed("verification-locked", 429, "Verification locked",
            "Too many wrong postal codes for this tracking number. The one-time link from your notice or shipping "
                    + "email still works; the postal code works again later.");

    private final Guard guard;
    private final RateLimiter limiter;
    private final AbuseDetector abuse;
    private final Policies policies;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RecipientSession sessions;
    private final EntityManager em;

    public PostalCodeVerification(Guard guard, RateLimiter limiter, AbuseDetector abuse, Policies policies, Audit audit,
                                  Pseudonyms pseudonyms, CurrentRequest request, RecipientSession sessions, EntityManager em) {
        this.guard = guard;
        this.limiter = limiter;
        this.abuse = abuse;
        this.policies = policies;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.sessions = sessions;
        this.em = em;
    }

    public Verified verify(String rawNumber, String postalCode) {
        // nobody is the recipient before proving it: attempts are someone's
        Actor someone = request.anonymous(ActorKind.PUBLIC);
        TrackingNumber number = TrackingNumbers.require(rawNumber);
        String hash = pseudonyms.trackingNumber(number.value());
        LimitCheck attempt = LimitCheck.of(policies.verificationFailuresPerShipment(), hash);
        // refused when the limiter is away, the actor is blocked, the client is over its limit or the shipment is locked
        LimitDecision decision = guard.demand(LimitCheck.of(policies.verificationsPerClient(), someone.id()))
                .lock(attempt, LOCKED)
                .blockedBy(abuse.blocks(someone.id(), null, 0, 0))
                .failClosed()
                .about(Attempt.of(someone, hash))
                .admit();
        // This attempt now holds one of the shipment's few failures: given back only if it matches.

        Candidate candidate = candidate(number);
        String trimmed = postalCode.trim();
        byte[] given = POSTAL.matcher(trimmed).matches()
                ? Provinces.canonicalPostalCode(trimmed).getBytes(StandardCharsets.US_ASCII) : new byte[0];
        // non-short-circuit: the comparison runs whether or not the shipment exists
        boolean match = MessageDigest.isEqual(candidate.postalCode(), given) & candidate.id() != null;
        if (!match) {
            RateLimiter.Combined counted = limiter.decideWith(List.of(), List.of(abuse.call(someone.id(), null, 0, 1)));
            abuse.read(someone.id(), counted.extra().isEmpty() ? null : counted.extra().get(0));
            audit.attempt(someone, candidate.id(), candidate.partnerId(), hash, Outcome.VERIFY_FAILED, null);
            throw new ProblemException(Problem.typed("verification-failed", 403, "Verification failed",
                    "The tracking number and the postal code do not match a shipment."));
        }
        limiter.refund(attempt, decision);
        audit.attempt(someone.as(ActorKind.RECIPIENT), candidate.id(), candidate.partnerId(), hash, Outcome.VERIFIED,
                AccessEntry.VIA_POSTAL_CODE);
        return sessions.open(number.value(), hash);
    }

    /**
     * The shipment's id, partner and postal code, in one statement that answers exactly one row
     * whether the number exists or not: for an unknown number, nulls and a stand-in code of six
     * characters that no input can match. One index probe, one row, no entity to build.
     */
    private Candidate candidate(TrackingNumber number) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT s.id, s.partner_id, COALESCE(s.destination_postal_code, '#NONE#')
                FROM (VALUES (CAST(?1 AS char(18)))) AS wanted (tracking_number)
                LEFT JOIN shipment s ON s.tracking_number = wanted.tracking_number""")
                .setParameter(1, number.value()).getSingleResult();
        return new Candidate((UUID) row[0], (String) row[1], ((String) row[2]).getBytes(StandardCharsets.US_ASCII));
    }
}
