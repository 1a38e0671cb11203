package io.trackguard.notification.report;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The breach report, made ready for an officer to send to the regulator (never sent by
 * itself), rebuilt from the incident's records whenever it is asked for, so it follows the
 * incident. {@code pipeda} carries SOR/2018-64 s.2 (a)-(g), {@code gdpr} GDPR Art. 33(3)
 * (a)-(d) with the 72-hour clock of Art. 33(1). A partner's copy ({@code forPartner}) counts
 * only that partner's customers and names no other partner.
 */
@RegisterForReflection
public record Report(UUID incidentId, Instant preparedAt, String status, String kind, String forPartner, Organisation organisation,
                     Pipeda pipeda, Gdpr gdpr, Assessment assessment, List<PartnerLine> partners,
                     Map<String, Map<String, Integer>> notices) {

    @RegisterForReflection
    public record Organisation(String name, String contactName, String email, String phone) {
    }

    /** SOR/2018-64 s.2(1): (a) circumstances and cause, (b) period, (c) information, (d) number, (e) steps to reduce harm, (f) steps to notify, (g) contact. */
    @RegisterForReflection
    public record Pipeda(String circumstances, String cause, Instant periodStart, Instant periodEnd, List<String> personalInformation,
                         int individualsAffected, boolean approximate, List<String> stepsToReduceHarm, List<String> stepsToNotify,
                         Organisation contact) {
    }

    /** GDPR Art. 33(3): (a) nature, categories and numbers, (b) contact point, (c) likely consequences, (d) measures. */
    @RegisterForReflection
    public record Gdpr(String natureOfBreach, List<String> categoriesOfDataSubjects, int approximateDataSubjects,
                       List<String> categoriesOfRecords, int approximateRecords, Organisation contactPoint, List<String> likelyConsequences,
                       List<String> measuresTaken, List<String> measuresProposed, Instant awareAt, Instant notificationDeadline,
                       Instant reportedAt, String reasonsForDelay) {
    }

    @RegisterForReflection
    public record Assessment(String sensitivity, String probability, String risk, List<String> reasons, String decision, String decidedBy,
                             String decisionReason) {
    }

    @RegisterForReflection
    public record PartnerLine(String partnerId, boolean sensitive, int shipments, int people) {
    }
}
