package io.trackguard.tracking.recipient;

import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.disclosure.Disclosures;
import io.trackguard.tracking.disclosure.ShipmentView;
import jakarta.enterprise.context.ApplicationScoped;

/** The verified recipient's view of their shipment: the recipient column of the disclosure table, audited. */
@ApplicationScoped
public class RecipientDetails {

    private final RecipientProof proof;
    private final Disclosures disclosures;
    private final CurrentRequest request;

    public RecipientDetails(RecipientProof proof, Disclosures disclosures, CurrentRequest request) {
        this.proof = proof;
        this.disclosures = disclosures;
        this.request = request;
    }

    public ShipmentView details(String rawNumber) {
        return disclosures.disclose(proof.provenShipment(rawNumber), Tier.RECIPIENT, request.anonymous(ActorKind.RECIPIENT));
    }
}
