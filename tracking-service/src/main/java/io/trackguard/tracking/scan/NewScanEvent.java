package io.trackguard.tracking.scan;

import io.trackguard.tracking.shipment.Provinces;
import io.trackguard.tracking.shipment.ScanEventType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A scan posted by carrier operations. A signer name belongs to a DELIVERED scan and to no other. */
public record NewScanEvent(
        @NotNull ScanEventType type,
        @NotNull Instant occurredAt,
        @Valid Facility facility,
        @Size(max = 200) String signerName) {

    public record Facility(
            @NotBlank @Size(max = 100) String city,
            @NotNull @Pattern(regexp = Provinces.PROVINCE_CODE, message = "a Canadian province or territory code") String province) {
    }

    @AssertTrue(message = "a signer name is required for DELIVERED and refused for any other type")
    boolean isSignerNameConsistent() {
        boolean hasSigner = signerName != null && !signerName.isBlank();
        return type == null || hasSigner == (type == ScanEventType.DELIVERED);
    }
}
