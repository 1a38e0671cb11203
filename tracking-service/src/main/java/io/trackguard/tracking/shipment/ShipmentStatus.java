package io.trackguard.tracking.shipment;

/** Where a shipment is. Every status after CREATED is set by the scan event of the same name. */
public enum ShipmentStatus {
    CREATED, ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED
}
