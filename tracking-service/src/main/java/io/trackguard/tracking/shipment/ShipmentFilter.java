package io.trackguard.tracking.shipment;

import java.time.Instant;

/** What a partner may filter its own list by; every part is optional. */
public record ShipmentFilter(String reference, ShipmentStatus status, Instant createdFrom, Instant createdTo) {
}
