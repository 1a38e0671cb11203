package io.trackguard.tracking.recipient;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.limits.Attempt;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One-time links that prove the recipient: issued for a notice (incident response) or for the
 * partner's shipping email, spent by the recipient once. Issuing and spending are audited with
 * the shipment and the caller, so both show in "who looked". A link still works while the
 * postal code check is locked: that lock must not lock the recipient out.
 *
 * <p>Opening a link spends nothing ({@link #preview}): mail scanners open links before people
 * do. Only {@link #redeem}, which the page calls from its button's POST, spends it.
 */
@ApplicationScoped
public class RecipientLinks {

    private final RecipientTokens tokens;
    private final RecipientConfig config;
    private final Guard guard;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RedisDataSource redis;
    private final KeyCommands<String> keys;

    public RecipientLinks(RecipientTokens tokens, RecipientConfig config, Guard guard, Policies policies,
                          ShipmentService shipments, Audit audit, Pseudonyms pseudonyms, CurrentRequest request, RedisDataSource redis) {
        this.tokens = tokens;
        this.config = config;
        this.guard = guard;
        this.policies = policies;
        this.shipments = shipments;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.redis = redis;
        this.keys = redis.key();
    }

    /** A new link for the shipment, made by {@code by}; audited with the shipment and the caller. */
    public RecipientLink issue(Shipment shipment, Actor by) {
        String hash = pseudonyms.trackingNumber(shipment.trackingNumber);
        // the token carries seconds: say exactly what it says
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.linkTtl());
        String token = tokens.link(hash, shipment.trackingNumber, now, expiresAt);
        audit.attempt(by, shipment.id, shipment.partnerId(), hash, Outcome.LINK_ISSUED, AccessEntry.VIA_LINK);
        return new RecipientLink(token, "/r/" + token, expiresAt);
    }

    /**
     * The tracking number a link opens, if it is genuine, unexpired and not known to be spent.
     * Spends nothing and records nothing: this is what a mail scanner's GET reaches.
     */
    public Optional<String> preview(String token) {
        Optional<RecipientTokens.Claims> claims = tokens.readLink(token);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (keys.exists(spentKey(claims.get()))) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            // Redis away: the page still offers the button; spending it will answer 503
        }
        return Optional.of(claims.get().trackingNumber());
    }

    /** Spends a link: valid, unexpired, unspent, then spent, once, whatever the concurrency. */
    public Verified redeem(String token) {
        Actor someone = request.anonymous(ActorKind.PUBLIC);
        guard.demand(LimitCheck.of(policies.verificationsPerClient(), someone.id())).failClosed().about(Attempt.of(someone)).admit();
        // forged, expired, another kind of token, or a shipment that is gone: one answer
        Optional<RecipientTokens.Claims> read = tokens.readLink(token);
        Optional<Shipment> shipment = read.flatMap(c -> TrackingNumber.tryParse(c.trackingNumber())).flatMap(shipments::findByNumber);
        if (shipment.isEmpty()) {
            audit.attempt(someone, null, null, read.map(RecipientTokens.Claims::numberHash).orElse(null), Outcome.DENIED, "link not valid");
            throw invalid();
        }
        RecipientTokens.Claims claims = read.get();
        Shipment s = shipment.get();
        if (!spend(claims)) {
            audit.attempt(someone, s.id, s.partnerId(), claims.numberHash(), Outcome.VERIFY_FAILED, AccessEntry.LINK_ALREADY_USED);
            throw invalid();
        }
        audit.attempt(someone.as(ActorKind.RECIPIENT), s.id, s.partnerId(), claims.numberHash(), Outcome.VERIFIED, AccessEntry.VIA_LINK);
        return new Verified(s.trackingNumber, tokens.session(claims.numberHash()), Instant.now().plus(config.sessionTtl()));
    }

    /** True for the first use only (SET NX), kept until a minute after the link expires. */
    private boolean spend(RecipientTokens.Claims claims) {
        try {
            return redis.execute("SET", spentKey(claims), "1", "NX", "PXAT",
                    String.valueOf(claims.expiresAt().toEpochMilli() + 60_000)) != null;
        } catch (RuntimeException e) {
            throw guard.unavailable();
        }
    }

    private String spentKey(RecipientTokens.Claims claims) {
        return config.spentLinkPrefix() + "{" + claims.id() + "}";
    }

    /** The one answer for a link that is forged, expired, already used, or of another kind. */
    public static ProblemException invalid() {
        return new ProblemException(Problem.typed("link-invalid", 403, "Link not valid",
                "This link has expired or has already been used. Verify with the destination postal code instead."));
    }
}
