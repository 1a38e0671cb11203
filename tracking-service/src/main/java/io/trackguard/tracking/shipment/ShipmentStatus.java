package io.trackguard.tracking.shipment;

/**
 * Where a shipment is. The statuses from ACCEPTED to DELIVERED, and EXCEPTION, are set by the
 * scan of the same name; CANCELLED by the owning partner, only before the parcel is in transit.
 * EXCEPTION is a delivery problem (damaged, address problem, held): not closed, a later scan
 * moves the parcel on.
 */
public enum ShipmentStatus {
    CREATED, ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, CANCELLED, EXCEPTION;

    /** A partner may still cancel: the parcel has not left the first facility. */
    public boolean cancellable() {
        return this == CREATED || this == ACCEPTED;
    }

    /** No scan is taken any more. */
    public boolean closed() {
        return this == DELIVERED || this == CANCELLED;
    }
}
