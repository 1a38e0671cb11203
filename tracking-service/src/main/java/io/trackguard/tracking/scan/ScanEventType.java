package io.trackguard.tracking.scan;

import io.trackguard.tracking.shipment.ShipmentStatus;

/** What carrier operations scanned. Each type moves the shipment to the status of the same name. */
public enum ScanEventType {
    ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED;

    public ShipmentStatus status() {
        return ShipmentStatus.valueOf(name());
    }
}
