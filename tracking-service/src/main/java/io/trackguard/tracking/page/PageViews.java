package io.trackguard.tracking.page;

import io.trackguard.tracking.config.TrackingConfig;
import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.tracking.disclosure.TimelineEvent;
import io.trackguard.tracking.recipient.AccessReport;
import io.trackguard.tracking.trackingnumber.TrackingNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** What the templates show of a view: its words in the page's language, its times in the display zone. */
@ApplicationScoped
class PageViews {

    private final ZoneId zone;

    PageViews(TrackingConfig config) {
        this.zone = config.displayZone();
    }

    /** Rows null: a status-only view (the partner's shipments are guarded), which the page says. */
    PageModels.Status status(ShipmentView v, Msg m, Locale locale) {
        List<PageModels.Row> rows = v.events() == null ? null : v.events().stream()
                .map(e -> new PageModels.Row(when(e, locale), statusName(m, e.type()), place(e)))
                .toList();
        return new PageModels.Status(display(v.trackingNumber()), v.trackingNumber(), statusName(m, v.status()), date(v.expectedDeliveryDate(), locale),
                date(v.deliveredOn(), locale), v.destination() == null ? null : v.destination().province(), v.sender(), rows);
    }

    PageModels.Details details(ShipmentView v, AccessReport accesses, Msg m, Locale locale) {
        List<PageModels.Row> seen = accesses.accesses().stream()
                .map(a -> new PageModels.Row(time(a.at(), locale), viewer(m, a.viewer()), what(m, a.what())))
                .toList();
        String warning = accesses.warning() == null ? null
                : "fr".equals(locale.getLanguage()) ? accesses.warning().fr() : accesses.warning().en();
        ShipmentView.Destination d = v.destination();
        String destination = d == null ? null : String.join(", ", List.of(d.city(), d.province(), d.postalCode() + "…"));
        return new PageModels.Details(status(v, m, locale), v.deliveredAt() == null ? null : time(v.deliveredAt(), locale), v.signerName(),
                v.recipient() == null ? null : v.recipient().name(), v.recipient() == null ? null : v.recipient().email(),
                v.recipient() == null ? null : v.recipient().phone(), destination, seen, warning);
    }

    /** The number as people read it (K7M2QX-9TPA4R-WH3N8E), or as given when it is not a tracking number. */
    static String display(String number) {
        return TrackingNumber.tryParse(number).map(TrackingNumber::display).orElse(number);
    }

    private String when(TimelineEvent e, Locale locale) {
        return e.occurredAt() != null ? time(e.occurredAt(), locale) : date(e.occurredOn(), locale);
    }

    /** "City, PR", or the province alone where the view has no city (last-mile scans in public). */
    private static String place(TimelineEvent e) {
        if (e.facilityCity() == null) {
            return e.facilityProvince() == null ? "" : e.facilityProvince();
        }
        return e.facilityCity() + ", " + e.facilityProvince();
    }

    private String time(Instant t, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone).format(t);
    }

    private static String date(LocalDate d, Locale locale) {
        return d == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(d);
    }

    static String statusName(Msg m, String status) {
        return switch (status) {
            case "CREATED" -> m.status_CREATED();
            case "ACCEPTED" -> m.status_ACCEPTED();
            case "IN_TRANSIT" -> m.status_IN_TRANSIT();
            case "OUT_FOR_DELIVERY" -> m.status_OUT_FOR_DELIVERY();
            case "DELIVERED" -> m.status_DELIVERED();
            case "CANCELLED" -> m.status_CANCELLED();
            case "EXCEPTION" -> m.status_EXCEPTION();
            default -> status;
        };
    }

    private static String viewer(Msg m, String viewer) {
        return switch (viewer) {
            case "recipient" -> m.viewer_recipient();
            case "retailer" -> m.viewer_retailer();
            case "staff" -> m.viewer_staff();
            case "carrier" -> m.viewer_carrier();
            case "service" -> m.viewer_service();
            default -> m.viewer_someone();
        };
    }

    private static String what(Msg m, String what) {
        return switch (what) {
            case "viewed-details" -> m.what_viewed_details();
            case "viewed-shipment" -> m.what_viewed_shipment();
            case "verified-with-postal-code" -> m.what_verified_with_postal_code();
            case "verified-with-link" -> m.what_verified_with_link();
            case "wrong-postal-code" -> m.what_wrong_postal_code();
            case "used-link-again" -> m.what_used_link_again();
            case "link-issued" -> m.what_link_issued();
            default -> m.what_viewed_status();
        };
    }
}
