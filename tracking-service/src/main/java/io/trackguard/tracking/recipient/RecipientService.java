package io.trackguard.tracking.recipient;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.audit.AccessLog;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.audit.SqlTimes;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.limits.Attempt;
import io.trackguard.tracking.limits.Policies;
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
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Proving to be the recipient with the postal code, and what that unlocks. An unknown number,
 * a wrong postal code and a shipment that is not the caller's get the same answer through the
 * same work: one limiter round trip that takes the attempt, one statement that answers one row
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
public class RecipientService {

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
    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RecipientTokens tokens;
    private final RecipientSession sessions;
    private final RecipientConfig config;
    private final EntityManager em;
    private final RoutingContext http;
    private final AccessLog accessLog;

    public RecipientService(Guard guard, RateLimiter limiter, AbuseDetector abuse, Policies policies, ShipmentService shipments,
                            Disclosures disclosures, Audit audit, Pseudonyms pseudonyms, CurrentRequest request,
                            RecipientTokens tokens, RecipientSession sessions, RecipientConfig config,
                            EntityManager em, RoutingContext http, AccessLog accessLog) {
        this.guard = guard;
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
        this.em = em;
        this.http = http;
        this.accessLog = accessLog;
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
        return new Verified(number.value(), tokens.session(hash), Instant.now().plus(sessions.ttl()));
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

    public ShipmentView details(String rawNumber) {
        Shipment shipment = provenShipment(rawNumber);
        return disclosures.disclose(shipment, Tier.RECIPIENT, request.anonymous(ActorKind.RECIPIENT));
    }

    /**
     * Who looked at my parcel: when, what kind of viewer, what happened, never who. Several
     * failed attempts to prove being the recipient come with a warning and what to do.
     */
    public AccessReport accesses(String rawNumber) {
        Shipment shipment = provenShipment(rawNumber);
        Actor recipient = request.anonymous(ActorKind.RECIPIENT);
        // what is still queued belongs in the answer too: the recipient may have just verified
        accessLog.flush();
        // the reason is read only for the recipient's own kinds of record, never a staff reason
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT occurred_at, actor_kind, tier, outcome,
                       CASE WHEN outcome IN ('VERIFIED', 'VERIFY_FAILED', 'LINK_ISSUED') THEN reason END
                FROM access_record
                WHERE shipment_id = ?1 AND outcome IN ('DISCLOSED', 'VERIFIED', 'VERIFY_FAILED', 'LINK_ISSUED')
                ORDER BY occurred_at DESC LIMIT 100""").setParameter(1, shipment.id).getResultList();
        audit.disclosed(recipient, shipment.id, shipment.partnerId(), pseudonyms.trackingNumber(shipment.trackingNumber), Tier.RECIPIENT,
                List.of("accesses"), null);
        List<AccessEntry> entries = rows.stream()
                .map(r -> AccessEntry.of(SqlTimes.instant(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
                .toList();
        int failed = (int) entries.stream().filter(AccessEntry::failedAttempt).count();
        AccessReport.Warning warning = failed >= config.failedAttemptsWarning()
                ? new AccessReport.Warning(notices("en").failed_attempts(failed), notices("fr").failed_attempts(failed)) : null;
        return new AccessReport(entries, failed, warning);
    }

    private static RecipientNotices notices(String language) {
        return MessageBundles.get(RecipientNotices.class, Localized.Literal.of(language));
    }

    /** A detailed view needs a session for this very number, and the shared limiter (fail closed). */
    private Shipment provenShipment(String rawNumber) {
        Actor someone = request.anonymous(ActorKind.PUBLIC);
        TrackingNumber number = TrackingNumbers.require(rawNumber);
        String hash = pseudonyms.trackingNumber(number.value());
        guard.demand(LimitCheck.of(policies.lookupsPerClient(), someone.id())).failClosed().about(Attempt.of(someone, hash)).admit();
        if (!sessions.provesRecipientOf(http, number.value())) {
            audit.attempt(someone, null, null, hash, Outcome.DENIED, "no recipient session");
            throw RecipientSession.required();
        }
        return shipments.findByNumber(number).orElseThrow(RecipientSession::required);
    }
}
