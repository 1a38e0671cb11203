package io.trackguard.tracking.page;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the templates show: strings already localized and formatted, nothing else. */
public final class PageModels {

    private PageModels() {
    }

    /** Every page: its language, its title, and the link to the same page in the other language. */
    @TemplateData
    public record Layout(String lang, String title, String switchUrl) {
    }

    @TemplateData
    public record Row(String when, String what, String where) {
    }

    /** The public view of a parcel. */
    @TemplateData
    public record Status(String display, String number, String status, String expected, String deliveredOn, String destination,
                         String sender, List<Row> rows) {
    }

    /** The verified recipient's view, with "who looked" and, after several failed attempts, a warning. */
    @TemplateData
    public record Details(Status status, String deliveredAt, String signer, String recipientName, String recipientEmail,
                          String recipientPhone, String destination, List<Row> accesses, String warning) {
    }
}
