package io.trackguard.tracking.recipient;

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
import io.trackguard.tracking.trackingnumber.TrackingNumbers;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gate in front of everything a proven recipient may see: the request must carry a recipient
 * session for this very number, within the lookup limit, with the shared limiter reachable (fail
 * closed). Without a session the attempt is audited and the answer says to verify first.
 */
@ApplicationScoped
public class RecipientProof {

    private final Guard guard;
    private final Policies policies;
    private final ShipmentService shipments;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RecipientSession sessions;
    private final RoutingContext http;

    public RecipientProof(Guard guard, Policies policies, ShipmentService shipments, Audit audit, Pseudonyms pseudonyms,
                          CurrentRequest request, RecipientSession sessions, RoutingContext http) {
        this.guard = guard;
        this.policies = policies;
        this.shipments = shipments;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.sessions = sessions;
        this.http = http;
    }

    /** The shipment the request proves being the recipient of, or the problem "verification required". */
    public Shipment provenShipment(String rawNumber) {
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
