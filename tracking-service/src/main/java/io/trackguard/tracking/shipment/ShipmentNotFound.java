package io.trackguard.tracking.shipment;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;

/**
 * The one answer for an unknown number and for a shipment that is not the caller's: same
 * status, same body, so that no answer tells them apart.
 */
public final class ShipmentNotFound {

    private ShipmentNotFound() {
    }

    public static ProblemException problem() {
        return new ProblemException(Problem.typed("shipment-not-found", 404, "Shipment not found",
                "No shipment with this tracking number is visible to you."));
    }
}
