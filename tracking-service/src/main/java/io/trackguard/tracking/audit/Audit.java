package io.trackguard.tracking.audit;

import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.CurrentRequest;
import io.trackguard.tracking.client.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the request paths call to record an access; the request id comes from the current request. */
@ApplicationScoped
public class Audit {

    private final AccessLog log;
    private final CurrentRequest request;

    public Audit(AccessLog log, CurrentRequest request) {
        this.log = log;
        this.request = request;
    }

    public void disclosed(Actor actor, UUID shipmentId, String partnerId, String numberHash, Tier tier, List<String> fields, String reason) {
        log.append(new AccessRecord(Instant.now(), actor, shipmentId, partnerId, numberHash, tier, fields, Outcome.DISCLOSED,
                request.requestId(), reason));
    }

    /** An attempt that disclosed nothing: a miss, a refusal, a failed verification. */
    public void attempt(Actor actor, UUID shipmentId, String partnerId, String numberHash, Outcome outcome, String reason) {
        log.append(new AccessRecord(Instant.now(), actor, shipmentId, partnerId, numberHash, null, List.of(), outcome,
                request.requestId(), reason));
    }
}
