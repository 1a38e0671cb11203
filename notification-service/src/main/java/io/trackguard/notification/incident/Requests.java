package io.trackguard.notification.incident;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the officers' API; unknown fields are refused (400). */
public final class Requests {

    private Requests() {
    }

    @RegisterForReflection
    @Schema(description = "An incident recorded by hand")
    public record NewIncident(
            @Schema(description = "What happened, in a few sentences", examples = "A support agent emailed a customer list to the wrong partner.")
            @NotBlank @Size(max = 2000) String description,
            @Schema(description = "ENUMERATION, DISTRIBUTED_SCRAPING, UNAUTHORISED_ACCESS or OTHER", examples = "UNAUTHORISED_ACCESS")
            @NotNull @Pattern(regexp = "ENUMERATION|DISTRIBUTED_SCRAPING|UNAUTHORISED_ACCESS|OTHER") String kind,
            @Schema(description = "Start of the period", examples = "2026-11-28T09:00:00Z") @NotNull Instant periodStart,
            @Schema(description = "End of the period", examples = "2026-11-28T11:00:00Z") @NotNull Instant periodEnd,
            @Schema(description = "Optional: the audit actor whose disclosures make the scope", examples = "user:6a1f2b7c")
            @Size(max = 128) @Pattern(regexp = "(ip|client|user):[A-Za-z0-9_.@:-]{1,120}") String actor,
            @Schema(description = "Optional: the partner whose shipments were disclosed", examples = "ocs")
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String partner) {
    }

    @RegisterForReflection
    @Schema(description = "Whether people are told, and why")
    public record Decision(
            @Schema(description = "true: every affected person is told; false: nobody is (the partners still are)") @NotNull Boolean notifyPeople,
            @Schema(description = "Why (kept in the history and the report)", examples = "Signer names of a sensitive retailer were seen.")
            @NotBlank @Size(min = 10, max = 2000) String reason) {
    }

    @RegisterForReflection
    @Schema(description = "Why the incident is closed")
    public record Close(@NotBlank @Size(min = 10, max = 2000) String reason) {
    }

    @RegisterForReflection
    @Schema(description = "The report was sent to the regulator")
    public record RegulatorReport(
            @Schema(description = "The regulator's reference, or how it was sent", examples = "OPC-2026-0042")
            @NotBlank @Size(max = 200) String reference,
            @Schema(description = "When it was sent; now if absent") Instant reportedAt) {
    }

    @RegisterForReflection
    @Schema(description = "The address of a held notice, found by an officer")
    public record Address(
            @Schema(examples = "privacy@retailer.example") @NotBlank @Email @Size(max = 254) String email,
            @Schema(description = "Where the address came from", examples = "Given by the partner's account manager by phone.")
            @NotBlank @Size(min = 10, max = 2000) String reason) {
    }
}
