package io.trackguard.tracking.disclosure;

import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.shipment.PublicShipment;
import io.trackguard.tracking.shipment.Shipment;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every view of a shipment that leaves the service is made here: the policy decides the
 * fields, the audit log records which ones went to whom. There is no other way to a view.
 */
@ApplicationScoped
public class Disclosures {

    private final DisclosurePolicy policy;
    private final Audit audit;
    private final Pseudonyms pseudonyms;

    public Disclosures(DisclosurePolicy policy, Audit audit, Pseudonyms pseudonyms) {
        this.policy = policy;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    public ShipmentView disclose(Shipment shipment, Tier tier, Actor actor) {
        return disclose(shipment, tier, actor, null);
    }

    /**
     * The public view, from the public lookup's one-statement read. {@code numberHash} is the
     * shipment's number's pseudonym ({@link Pseudonyms#trackingNumber}) that the lookup computed
     * already for its limits: the record carries that one, not a second computation of it.
     */
    public ShipmentView disclosePublic(PublicShipment shipment, String numberHash, Actor actor) {
        return disclosedPublicly(policy.publicView(shipment), shipment, numberHash, actor);
    }

    /** The public view of a shipment whose partner is in guarded mode: the status only ({@code numberHash} as above). */
    public ShipmentView discloseStatusOnly(PublicShipment shipment, String numberHash, Actor actor) {
        return disclosedPublicly(policy.statusOnly(shipment), shipment, numberHash, actor);
    }

    private ShipmentView disclosedPublicly(ShipmentView view, PublicShipment shipment, String numberHash, Actor actor) {
        audit.disclosed(actor, shipment.id(), shipment.partnerId(), numberHash, Tier.PUBLIC, view.disclosedFields(), null);
        return view;
    }

    /** {@code reason}: why staff looked; recorded with the access. */
    public ShipmentView disclose(Shipment shipment, Tier tier, Actor actor, String reason) {
        ShipmentView view = policy.view(shipment, tier);
        audit.disclosed(actor, shipment.id, shipment.partnerId(), pseudonyms.trackingNumber(shipment.trackingNumber), tier,
                view.disclosedFields(), reason);
        return view;
    }
}
