package io.trackguard.trackingapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a partner sends to create a shipment, as tracking-service accepts it. tracking-service validates it
 * (the constraints here are the same as its own, which its contract test checks, and document the
 * fields); unknown fields are refused.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "NewShipment", description = "A shipment to create; the partner is taken from the access token.")
public record NewShipment(
        @Schema(description = "Your own order reference: unique among your shipments, never public", examples = "ORD-2026-000123")
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:/#-]+", message = "letters, digits and . _ : / # - only")
        String orderReference,
        @NotNull @Valid Recipient recipient,
        @NotNull @Valid Destination destination,
        @Schema(description = "What is in the parcel: only you and Trackguard's staff ever see it", examples = "apparel")
        @NotBlank @Size(max = 64) String productCategory,
        @Schema(description = "The day you expect it delivered (ISO 8601 date)", examples = "2026-12-24")
        @FutureOrPresent LocalDate expectedDeliveryDate) {

    /** The thirteen provinces and territories (tracking-service's Provinces.PROVINCE_CODE). */
    public static final String PROVINCE_CODE = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT";
    /** A Canadian postal code, with or without the middle space, either case (tracking-service's Provinces.POSTAL_CODE). */
    public static final String POSTAL_CODE = "(?i)[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]";
    static final String POSTAL_CODE_BOTH_CASES =
            "[ABCEGHJ-NPRSTVXYabceghj-nprstvxy][0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z] ?[0-9][ABCEGHJ-NPRSTV-Zabceghj-nprstv-z][0-9]";

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "NewShipmentRecipient", description = "Who receives the parcel")
    public record Recipient(
            @Schema(examples = "Jane Roe") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "jane.roe@example.com") @Email @Size(max = 254) String email,
            @Schema(examples = "+1 416 555 0100")
            @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{7,32}", message = "a phone number") String phone,
            @Schema(description = "The language the recipient reads notices in (en or fr); optional: without it, a notice is "
                    + "written in both. Shown only to you and to Trackguard's staff", examples = "fr", enumeration = {"en", "fr"})
            @Pattern(regexp = "en|fr", message = "en or fr") String language) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "NewShipmentDestination", description = "Where the parcel goes: a Canadian address")
    public record Destination(
            @Schema(examples = "1 King St W") @NotBlank @Size(max = 200) String line1,
            @Schema(examples = "Unit 5") @Size(max = 200) String line2,
            @Schema(examples = "Toronto") @NotBlank @Size(max = 100) String city,
            @Schema(examples = "ON")
            @NotNull @Pattern(regexp = PROVINCE_CODE, message = "a Canadian province or territory code") String province,
            // the document's regular expressions are ECMA-262 (no inline (?i)): the same set, both cases spelled out
            @Schema(examples = "M5H 1A1", pattern = POSTAL_CODE_BOTH_CASES)
            @NotNull @Pattern(regexp = POSTAL_CODE, message = "a Canadian postal code") String postalCode,
            @Schema(description = "Only CA is served; CA when left out", examples = "CA")
            @Pattern(regexp = "CA", message = "only CA is served") String country) {
    }
}
