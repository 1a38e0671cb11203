package io.trackguard.tracking.track;

import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.ratelimit.guard.Signal;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.abuse.MissesSignal;
import io.trackguard.tracking.abuse.PartnerSignal;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.limits.Attempt;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.limits.TrackingLimits;
import io.trackguard.tracking.shipment.PublicShipment;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public lookup: the shipment's public columns and timeline are read first (one indexed
 * statement, no entity: {@link ShipmentService#findPublic}), then every limit and
 * detector counts the lookup in one pipelined Redis round trip: the client's limits, its
 * enumeration counters (with its IPv6 networks'), the number's limit, and either the
 * partner's distributed-scraping signal (a hit) or the misses of all clients (a miss). Then
 * the public view, or the status only for a guarded partner, with every attempt in the audit
 * log. An actor that walks through numbers is blocked after a handful; what it saw until then
 * is the public column only. A block this replica has seen is refused before anything else.
 * The {@link Guard} turns the round trip's verdict into the refusal, its audit record and the
 * RateLimit fields of the answer.
 */
@ApplicationScoped
public class PublicTracking {

    private final Guard guard;
    private final AbuseDetector abuse;
    private final PartnerSignal partners;
    private final MissesSignal misses;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final boolean limited;

    public PublicTracking(Guard guard, AbuseDetector abuse, PartnerSignal partners, MissesSignal misses, Policies policies,
                          ShipmentService shipments, Disclosures disclosures, Audit audit, Pseudonyms pseudonyms,
                          CurrentRequest request, TrackingLimits limits) {
        this.guard = guard;
        this.abuse = abuse;
        this.partners = partners;
        this.misses = misses;
        this.policies = policies;
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.limited = limits.publicLookupsLimited();
    }

    public ShipmentView lookup(String rawNumber) {
        Actor actor = request.anonymous(ActorKind.PUBLIC);
        TrackingNumber.Parsed parsed = TrackingNumber.parse(rawNumber);
        // once per lookup: the limits, the detectors and the audit record all use this one
        String numberHash = parsed.valid() ? pseudonyms.trackingNumber(parsed.number().value()) : null;
        if (limited) {
            refuseIfBlockedHere(actor, numberHash);
        }
        if (!parsed.valid()) {
            if (limited) {
                admit(actor, null, null);
            }
            audit.attempt(actor, null, null, null, Outcome.INVALID, null);
            TrackingNumbers.require(rawNumber); // throws the 400 that says what is wrong
        }
        Optional<PublicShipment> shipment = shipments.findPublic(parsed.number());
        boolean partnerGuarded = limited ? admit(actor, numberHash, shipment.orElse(null))
                : shipment.isPresent() && partners.guarded(shipment.get().partnerId(), null);
        if (shipment.isEmpty()) {
            audit.attempt(actor, null, null, numberHash, Outcome.NOT_FOUND, null);
            throw ShipmentNotFound.problem();
        }
        return partnerGuarded
                ? disclosures.discloseStatusOnly(shipment.get(), numberHash, actor)
                : disclosures.disclosePublic(shipment.get(), numberHash, actor);
    }

    /** A block this replica has seen and that still runs: refused at once, without Redis or the database. */
    private void refuseIfBlockedHere(Actor actor, String numberHash) {
        Optional<Duration> left = abuse.blockedHere(actor.id());
        if (left.isPresent()) {
            throw guard.blocked(left.get(), policies.lookupsPerClient(), Attempt.of(actor, numberHash));
        }
    }

    /**
     * Counts the lookup against the client, the number, the actor's enumeration counters, and
     * the partner's signal (a hit, {@code shipment} not null) or all clients' misses (a miss or
     * a malformed number, {@code numberHash} null); the guard refuses (429) when a limit or a
     * block says so. Answers whether the shipment's partner is guarded.
     */
    private boolean admit(Actor actor, String numberHash, PublicShipment shipment) {
        boolean miss = shipment == null;
        List<LimitCheck> checks = new ArrayList<>(3);
        checks.add(LimitCheck.of(policies.lookupsPerClient(), actor.id()));
        checks.add(new LimitCheck(policies.missesPerClient(), actor.id(), miss && numberHash != null ? 1 : 0));
        if (numberHash != null) {
            checks.add(LimitCheck.of(policies.lookupsPerNumber(), numberHash));
        }
        Signal<Boolean> partnerGuarded = miss
                ? Signal.of(misses.call(), answer -> {
                    misses.read(answer);
                    return false;
                })
                : Signal.of(partners.call(shipment.partnerId(), numberHash), answer -> partners.guarded(shipment.partnerId(), answer));
        guard.demand(checks)
                .blockedBy(abuse.blocks(actor.id(), numberHash, miss ? 1 : 0, 0))
                .with(partnerGuarded)
                .about(Attempt.of(actor, numberHash))
                .admit();
        return partnerGuarded.value();
    }
}
