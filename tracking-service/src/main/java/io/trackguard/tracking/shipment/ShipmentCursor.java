package io.trackguard.tracking.shipment;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a partner's list ended: the last shipment's creation time and id, opaque
 * to the partner. Keyset paging, so a page costs the same at any depth.
 */
public record ShipmentCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static ShipmentCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new ShipmentCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.typed("invalid-request", 400, "Invalid request",
                    "cursor: pass the nextCursor of the previous page unchanged."));
        }
    }
}
