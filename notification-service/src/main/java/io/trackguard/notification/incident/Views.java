package io.trackguard.notification.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the officers' API answers: shaped so that a page can be drawn from it directly. */
public final class Views {

    private Views() {
    }

    /** One line of the incident list. */
    @RegisterForReflection
    public record Summary(UUID id, Instant openedAt, Instant updatedAt, String status, String kind, String origin, String actor,
                         String partnerId, Instant windowStart, Instant windowEnd, int shipmentsExposed, int peopleAffected, String risk,
                         String decision, Instant regulatorDeadline, Instant escalatedAt, Instant regulatorReportedAt, Instant closedAt) {

        static Summary of(Incident i) {
            return new Summary(i.id, i.openedAt, i.updatedAt, i.status.name(), i.kind.name(), i.origin.name(), i.actor, i.partnerId,
                    i.windowStart, i.windowEnd, i.shipmentsExposed, i.peopleAffected, i.risk, i.decision == null ? null : i.decision.name(),
                    i.regulatorDeadline, i.escalatedAt, i.regulatorReportedAt, i.closedAt);
        }
    }

    /** A page of incidents. */
    @RegisterForReflection
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** One incident, whole. */
    @RegisterForReflection
    public record Detail(Summary incident, String description, String openedBy, String evidence, List<String> memberActors,
                         Signals signals, Scope scope, AssessmentView assessment, Clock clock, Map<String, Map<String, Integer>> notices,
                         List<PartnerScope> partners, List<HistoryLine> history) {
    }

    /** What detection counted. */
    @RegisterForReflection
    public record Signals(int distinctNumbers, int misses, int failedVerifications, Instant blockedUntil) {
    }

    /** Where reading the scope stands. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scope(int revision, int scopedRevision, boolean current, String problem, Instant nextAttemptAt) {
    }

    @RegisterForReflection
    public record AssessmentView(String sensitivity, String probability, String risk, List<String> reasons, String decision,
                                 String decidedBy, Instant decidedAt, String decisionReason) {
    }

    /** The 72-hour clock of GDPR Art. 33. */
    @RegisterForReflection
    public record Clock(Instant awareAt, Instant regulatorDeadline, long secondsLeft, Instant escalatedAt, Instant regulatorReportedAt,
                        String regulatorReference) {
    }

    @RegisterForReflection
    public record PartnerScope(String partnerId, boolean sensitive, int shipments, int people) {
    }

    @RegisterForReflection
    public record HistoryLine(long id, Instant at, String byWhom, String what, String fromStatus, String toStatus, String reason) {

        static HistoryLine of(IncidentHistory h) {
            return new HistoryLine(h.id, h.at, h.byWhom, h.what.name(), h.fromStatus == null ? null : h.fromStatus.name(),
                    h.toStatus == null ? null : h.toStatus.name(), h.reason);
        }
    }

    /** One exposed shipment of the scope. */
    @RegisterForReflection
    public record ExposureLine(String trackingNumber, String partnerId, boolean partnerSensitive, List<String> fields, List<String> tiers,
                               Instant firstSeen, Instant lastSeen, long accesses) {
    }

    /** A page of the scope; {@code nextCursor} is null on the last. */
    @RegisterForReflection
    public record ExposurePage(List<ExposureLine> items, String nextCursor) {
    }

    /** Lookups over time: shipments first seen, and accesses, per bucket. */
    @RegisterForReflection
    public record LookupBucket(Instant at, int shipments, long accesses) {
    }

    /** One notice, as an officer follows it. */
    @RegisterForReflection
    public record NoticeLine(UUID id, String channel, String status, String address, String partnerId, String language, int attempts,
                             String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
    }

    @RegisterForReflection
    public record NoticePage(List<NoticeLine> items, String nextCursor) {
    }
}
