package io.trackguard.tracking.scan;

import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import io.trackguard.tracking.shipment.ScanEvent;
import io.trackguard.tracking.shipment.ScanEventType;
import io.trackguard.tracking.shipment.Shipment;
import io.trackguard.tracking.shipment.ShipmentNotFound;
import io.trackguard.tracking.shipment.ShipmentService;
import io.trackguard.tracking.shipment.ShipmentStatus;
import io.trackguard.tracking.shipment.ShipmentStatusChanged;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Scan events from carrier operations, and the status they move a shipment to. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ScanService {

    /** Scanner clocks drift; a scan further ahead than this is a mistake, not a clock. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final ShipmentService shipments;
    private final Event<ShipmentStatusChanged> statusChanges;

    public ScanService(ShipmentService shipments, Event<ShipmentStatusChanged> statusChanges) {
        this.shipments = shipments;
        this.statusChanges = statusChanges;
    }

    public ScanEvent record(TrackingNumber number, NewScanEvent in, String recordedBy) {
        Shipment shipment = shipments.findByNumber(number).orElseThrow(ShipmentNotFound::problem);
        if (shipment.status.closed()) {
            throw new ProblemException(Problem.typed("shipment-closed", 409, "Shipment closed",
                    "A delivered or cancelled shipment takes no further scans."));
        }
        Instant now = Instant.now();
        if (in.occurredAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new ProblemException(Problem.typed("scan-in-future", 400, "Scan time in the future",
                    "occurredAt is later than now."));
        }
        ScanEvent event = new ScanEvent();
        event.id = UUID.randomUUID();
        event.shipment = shipment;
        event.type = in.type();
        event.occurredAt = in.occurredAt();
        event.facilityCity = in.facility() == null ? null : in.facility().city();
        event.facilityProvince = in.facility() == null ? null : in.facility().province();
        event.recordedAt = now;
        event.recordedBy = recordedBy;
        event.persist();

        // A late-arriving older scan joins the timeline but does not move the status back.
        boolean latest = shipment.events.stream().allMatch(e -> !e.occurredAt.isAfter(in.occurredAt()));
        ShipmentStatus before = shipment.status;
        if (latest || in.type() == ScanEventType.DELIVERED) {
            shipment.status = in.type().status();
        }
        if (in.type() == ScanEventType.DELIVERED) {
            shipment.deliveredAt = in.occurredAt();
            shipment.signerName = in.signerName().strip();
        }
        shipment.events.add(event);
        shipment.updatedAt = now;
        if (shipment.status != before) {
            statusChanges.fire(new ShipmentStatusChanged(shipment, shipment.status, in.occurredAt()));
        }
        return event;
    }
}
