package io.trackguard.tracking.shipment;


/**
 * What carrier operations scanned. Each type moves the shipment to the status of the same name.
 * EXCEPTION is a delivery problem (damaged, address problem, held); the parcel can go on.
 */
public enum ScanEventType {
    ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION;

    public ShipmentStatus status() {
        return ShipmentStatus.valueOf(name());
    }
}
