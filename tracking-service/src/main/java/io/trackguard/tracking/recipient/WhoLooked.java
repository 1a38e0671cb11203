package io.trackguard.tracking.recipient;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.trackguard.tracking.audit.Audit;
import io.trackguard.tracking.audit.ShipmentAccesses;
import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.client.Tier;
import io.trackguard.tracking.shipment.Shipment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Who looked at my parcel: when, what kind of viewer, what happened, never who. Several
 * failed attempts to prove being the recipient come with a warning and what to do. Only for a
 * proven recipient; the answer is itself an audited disclosure.
 */
@ApplicationScoped
public class WhoLooked {

    private final RecipientProof proof;
    private final ShipmentAccesses accesses;
    private final Audit audit;
    private final Pseudonyms pseudonyms;
    private final CurrentRequest request;
    private final RecipientConfig config;

    public WhoLooked(RecipientProof proof, ShipmentAccesses accesses, Audit audit, Pseudonyms pseudonyms, CurrentRequest request,
                     RecipientConfig config) {
        this.proof = proof;
        this.accesses = accesses;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.request = request;
        this.config = config;
    }

    public AccessReport report(String rawNumber) {
        Shipment shipment = proof.provenShipment(rawNumber);
        Actor recipient = request.anonymous(ActorKind.RECIPIENT);
        List<ShipmentAccesses.Access> seen = accesses.forRecipient(shipment.id);
        audit.disclosed(recipient, shipment.id, shipment.partnerId(), pseudonyms.trackingNumber(shipment.trackingNumber), Tier.RECIPIENT,
                List.of("accesses"), null);
        List<AccessEntry> entries = seen.stream()
                .map(a -> AccessEntry.of(a.at(), a.actorKind(), a.tier(), a.outcome(), a.reason()))
                .toList();
        int failed = (int) entries.stream().filter(AccessEntry::failedAttempt).count();
        AccessReport.Warning warning = failed >= config.failedAttemptsWarning()
                ? new AccessReport.Warning(notices("en").failed_attempts(failed), notices("fr").failed_attempts(failed)) : null;
        return new AccessReport(entries, failed, warning);
    }

    private static RecipientNotices notices(String language) {
        return MessageBundles.get(RecipientNotices.class, Localized.Literal.of(language));
    }
}
