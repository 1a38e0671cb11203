package io.trackguard.tracking.shipment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a partner sends to create a shipment. Unknown fields are refused (400). */
@Schema(description = "A shipment to create; the partner is taken from the access token.")
public record NewShipment(
        @Schema(description = "The partner's own order reference: unique per partner, never public", examples = "ORD-2026-000123")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:/#-]+", message = "letters, digits and . _ : / # - only")
        String orderReference,
        @NotNull @Valid Recipient recipient,
        @NotNull @Valid Destination destination,
        @Schema(description = "What is in the parcel: only the owning partner and staff ever see it", examples = "apparel")
        @NotBlank @Size(max = 64) String productCategory,
        @FutureOrPresent LocalDate expectedDeliveryDate) {

    public record Recipient(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 254) String email,
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{7,32}", message = "a phone number") String phone,
            @Schema(description = "The language the recipient reads notices in (en or fr); optional: without it, a notice is "
                    + "written in both. Shown only to you and to Trackguard's staff", examples = "fr", enumeration = {"en", "fr"})
            @Pattern(regexp = "en|fr", message = "en or fr") String language) {

        public Recipient(String name, String email, String phone) {
            this(name, email, phone, null);
        }
    }

    public record Destination(
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotNull @Pattern(regexp = Provinces.PROVINCE_CODE, message = "a Canadian province or territory code") String province,
            @NotNull @Pattern(regexp = Provinces.POSTAL_CODE, message = "a Canadian postal code") String postalCode,
            @Pattern(regexp = "CA", message = "only CA is served") String country) {
    }
}
