package io.trackguard.tracking.staff;

import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.guard.Guard;
import io.trackguard.tracking.abuse.AbuseDetector;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.Outcome;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.limits.Attempt;
import io.trackguard.tracking.limits.Policies;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The staff view, held like the public path: a limit per agent, and the same episode
 * detection over the shipments an agent views (distinct numbers and misses per window; one
 * more blocks the agent and puts {@code ENUMERATION_SUSPECTED} with {@code actor=user:<sub>}
 * on the security stream), in one Redis round trip. An insider with the support role cannot
 * read every shipment. The staff view is the most detailed one, so it fails closed (503)
 * while the shared limiter cannot be asked.
 */
@ApplicationScoped
public class StaffAccess {

    private final Guard guard;
    private final AbuseDetector abuse;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Disclosures disclosures;
    private final CurrentRequest request;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    public StaffAccess(Guard guard, AbuseDetector abuse, Policies policies, ShipmentService shipments, Disclosures disclosures,
                       CurrentRequest request, Audit audit, Pseudonyms pseudonyms) {
        this.guard = guard;
        this.abuse = abuse;
        this.policies = policies;
        this.shipments = shipments;
        this.disclosures = disclosures;
        this.request = request;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /** {@code reason} is already checked and trimmed. */
    public ShipmentView view(String rawNumber, String reason) {
        Actor agent = request.authenticated(ActorKind.STAFF);
        TrackingNumber number = TrackingNumbers.require(rawNumber);
        String hash = pseudonyms.trackingNumber(number.value());
        Optional<Shipment> shipment = shipments.findByNumber(number);
        guard.demand(LimitCheck.of(policies.staffViewsPerAgent(), agent.id()))
                .blockedBy(abuse.blocks(agent.id(), hash, shipment.isEmpty() ? 1 : 0, 0))
                .failClosed()
                .about(new Attempt(agent, hash, reason))
                .admit();
        if (shipment.isEmpty()) {
            audit.attempt(agent, null, null, hash, Outcome.NOT_FOUND, reason);
            throw ShipmentNotFound.problem();
        }
        return disclosures.disclose(shipment.get(), Tier.STAFF, agent, reason);
    }
}
