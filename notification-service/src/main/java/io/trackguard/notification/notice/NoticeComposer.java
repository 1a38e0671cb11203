package io.trackguard.notification.notice;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.partner.PartnerDirectory;
import io.trackguard.notification.report.Report;
import io.trackguard.notification.report.ReportRenderer;
import io.trackguard.notification.report.Reports;
import io.trackguard.notification.scope.RecipientLink;
import io.trackguard.notification.scope.TrackingServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the mail of a claimed notice from the records, at delivery time: the person's parcels
 * get fresh single-use links from tracking-service (never stored here), a partner's address is
 * looked up at partner-gateway, and the partner's copy of the report is attached.
 */
@ApplicationScoped
public class NoticeComposer {

    /** A notice that cannot be built now; {@code held} when waiting will not help and an officer must act. */
    public static class NotReady extends Exception {
        final boolean held;

        NotReady(String reason, boolean held) {
            super(reason, null, false, false);
            this.held = held;
        }
    }

    /** The mail, and the partner address found on the way (to record). */
    public record Composed(Mail mail, String subject, String foundAddress) {
    }

    private final AgroalDataSource dataSource;
    private final Messages messages;
    private final TrackingServiceClient tracking;
    private final PartnerDirectory partners;
    private final Reports reports;
    private final ReportRenderer renderer;
    private final NotifyConfig.Delivery config;

    public NoticeComposer(AgroalDataSource dataSource, Messages messages, TrackingServiceClient tracking, PartnerDirectory partners,
                          Reports reports, ReportRenderer renderer, NotifyConfig config) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.tracking = tracking;
        this.partners = partners;
        this.reports = reports;
        this.renderer = renderer;
        this.config = config.delivery();
    }

    public Composed compose(OutboxStore.Claimed n) throws NotReady, SQLException {
        return switch (n.channel()) {
            case "PERSON" -> person(n);
            case "PARTNER" -> partner(n);
            default -> officers(n);
        };
    }

    private Composed person(OutboxStore.Claimed n) throws SQLException {
        String name = null;
        Instant from = null;
        Instant to = null;
        boolean blocked = false;
        List<String> numbers = new ArrayList<>();
        Set<String> fields = new TreeSet<>();
        Set<String> tiers = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT p.name, i.window_start, i.window_end, i.blocked_until IS NOT NULL, e.tracking_number, e.fields, e.tiers
                FROM affected_person p JOIN incident i ON i.id = p.incident_id JOIN incident_exposure e ON e.person_id = p.id
                WHERE p.id = ? ORDER BY e.first_seen""")) {
            ps.setObject(1, n.personId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    name = rs.getString(1);
                    from = rs.getTimestamp(2).toInstant();
                    to = rs.getTimestamp(3).toInstant();
                    blocked = rs.getBoolean(4);
                    numbers.add(rs.getString(5));
                    fields.addAll(List.of((String[]) rs.getArray(6).getArray()));
                    tiers.addAll(List.of((String[]) rs.getArray(7).getArray()));
                }
            }
        }
        List<Messages.Parcel> parcels = new ArrayList<>();
        for (String number : numbers) {
            Optional<RecipientLink> link = tracking.link(number);
            parcels.add(new Messages.Parcel(number, link.map(l -> config.publicBaseUrl().replaceAll("/+$", "") + l.path()).orElse(null),
                    link.map(RecipientLink::expiresAt).orElse(null)));
        }
        Messages.Text text = messages.person(new Messages.PersonFacts(n.incidentId(), name, n.language(), from, to, blocked, parcels,
                fields, tiers));
        return new Composed(mail(n, n.address(), text), text.subject(), null);
    }

    private Composed partner(OutboxStore.Claimed n) throws NotReady {
        String address = n.address();
        String displayName = n.partnerId();
        String found = null;
        if (address == null) {
            Optional<PartnerDirectory.PartnerInfo> info;
            try {
                info = partners.find(n.partnerId());
            } catch (PartnerDirectory.Refused e) {
                throw new NotReady(e.getMessage() + ": give the partner's privacy contact by hand, or fix the service's access", true);
            }
            if (info.isEmpty()) {
                throw new NotReady("partner-gateway does not know partner " + n.partnerId() + ": give its privacy contact by hand", true);
            }
            if (info.get().privacyContact() == null || info.get().privacyContact().isBlank()) {
                throw new NotReady("partner " + n.partnerId() + " has no privacy contact: give one by hand", true);
            }
            address = info.get().privacyContact().trim();
            found = address;
            if (info.get().displayName() != null) {
                displayName = info.get().displayName();
            }
        }
        Report report = reports.build(n.incidentId(), n.partnerId()).orElseThrow(() -> new NotReady("incident gone", true));
        int people = report.partners().stream().mapToInt(Report.PartnerLine::people).sum();
        int shipments = report.partners().stream().mapToInt(Report.PartnerLine::shipments).sum();
        Messages.Text text = messages.partner(n.incidentId(), displayName, people, shipments, renderer.text(report));
        Mail mail = mail(n, address, text).addAttachment("breach-report-" + Messages.reference(n.incidentId()) + ".pdf",
                renderer.pdf(report), "application/pdf");
        return new Composed(mail, text.subject(), found);
    }

    private Composed officers(OutboxStore.Claimed n) throws NotReady {
        Report report = reports.build(n.incidentId(), null).orElseThrow(() -> new NotReady("incident gone", true));
        Messages.Text text = messages.escalation(n.incidentId(), report.status(),
                report.assessment() == null ? null : report.assessment().decision(), report.gdpr().notificationDeadline(),
                report.pipeda().individualsAffected());
        return new Composed(mail(n, n.address(), text), text.subject(), null);
    }

    private Mail mail(OutboxStore.Claimed n, String to, Messages.Text text) {
        return Mail.withText(to, text.subject(), text.body())
                .setFrom(config.from())
                // the idempotency key: a notice sent again after a crash is the same message to the receiving side
                .addHeader("Message-ID", n.idempotencyKey())
                .addHeader("Auto-Submitted", "auto-generated");
    }
}
