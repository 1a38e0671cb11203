package io.trackguard.tracking.disclosure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.List;

/**
 * The public column of the disclosure table, and nothing else: status, the timeline with
 * facility city and province, delivery dates without time, the destination province, and the
 * sender's name unless the partner is sensitive.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicShipmentView(
        String trackingNumber,
        String status,
        LocalDate expectedDeliveryDate,
        LocalDate deliveredOn,
        String destinationProvince,
        String sender,
        List<TimelineEvent> events) {
}
