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

    /** The public view, from the public lookup's one-statement read. */
    public ShipmentView disclosePublic(PublicShipment shipment, Actor actor) {
        return disclosedPublicly(policy.publicView(shipment), shipment, actor);
    }

    /** The public view of a shipment whose partner is in guarded mode: the status only. */
    public ShipmentView discloseStatusOnly(PublicShipment shipment, Actor actor) {
        return disclosedPublicly(policy.statusOnly(shipment), shipment, actor);
    }

    private ShipmentView disclosedPublicly(ShipmentView view, PublicShipment shipment, Actor actor) {
        audit.disclosed(actor, shipment.id(), shipment.partnerId(), pseudonyms.trackingNumber(shipment.trackingNumber()), Tier.PUBLIC,
                view.disclosedFields(), null);
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
