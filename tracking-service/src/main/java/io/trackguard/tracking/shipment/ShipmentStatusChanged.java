package io.trackguard.tracking.shipment;

import java.time.Instant;

/**
 * Fired synchronously, inside the transaction of the change, each time a shipment's status
 * changes: its observers (the shipment-event outbox) write in the same transaction, so the
 * change and what follows from it commit or roll back together.
 */
public record ShipmentStatusChanged(Shipment shipment, ShipmentStatus status, Instant occurredAt) {
}
