package io.trackguard.notification.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as a printable HTML page (no script, no outside resource, print styles) and as a
 * PDF (OpenPDF, the standard Helvetica font: nothing loaded from the system). Both come from
 * the same sections, in the order SOR/2018-64 s.2 and GDPR Art. 33(3) list them.
 */
@ApplicationScoped
public class ReportRenderer {

    /** A titled block of label/value lines. */
    record Section(String title, List<String[]> rows) {
    }

    public String html(Report r) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Breach report ")
                .append(esc(r.incidentId().toString())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}")
                .append("h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:2rem}")
                .append("table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}")
                .append("th{width:30%;font-weight:600}ul{margin:0;padding-left:1.2rem}@media print{body{margin:0}a{color:inherit}}")
                .append("</style></head><body>\n<h1>Report of a breach of security safeguards</h1>\n<p>Incident ")
                .append(esc(r.incidentId().toString())).append(", prepared ").append(esc(r.preparedAt().toString()))
                .append(r.forPartner() == null ? "" : ", copy for partner " + esc(r.forPartner()))
                .append(". Made ready for the Office of the Privacy Commissioner of Canada and the supervisory authority; ")
                .append("sent by a privacy officer, never automatically.</p>\n");
        for (Section s : sections(r)) {
            b.append("<h2>").append(esc(s.title())).append("</h2>\n<table>\n");
            for (String[] row : s.rows()) {
                b.append("<tr><th scope=\"row\">").append(esc(row[0])).append("</th><td>");
                if (row[1].contains("\n")) {
                    b.append("<ul>");
                    for (String item : row[1].split("\n")) {
                        b.append("<li>").append(esc(item)).append("</li>");
                    }
                    b.append("</ul>");
                } else {
                    b.append(esc(row[1]));
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    public byte[] pdf(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Breach report " + r.incidentId());
            doc.addCreator("Trackguard notification-service");
            doc.open();
            Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
            Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
            Font label = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);
            Font text = FontFactory.getFont(FontFactory.HELVETICA, 9);
            doc.add(new Paragraph("Report of a breach of security safeguards", title));
            doc.add(new Paragraph("Incident " + r.incidentId() + ", prepared " + r.preparedAt()
                    + (r.forPartner() == null ? "" : ", copy for partner " + r.forPartner()), text));
            for (Section s : sections(r)) {
                Paragraph h = new Paragraph(s.title(), heading);
                h.setSpacingBefore(12);
                h.setSpacingAfter(4);
                doc.add(h);
                PdfPTable table = new PdfPTable(new float[] {3, 7});
                table.setWidthPercentage(100);
                for (String[] row : s.rows()) {
                    table.addCell(new Paragraph(row[0], label));
                    table.addCell(new Paragraph(row[1].replace("\n", "\n• "), text));
                }
                doc.add(table);
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF could not be written", e);
        }
        return out.toByteArray();
    }

    /** A short plain-text summary, for the partner's email. */
    public String text(Report r) {
        StringBuilder b = new StringBuilder();
        for (Section s : sections(r)) {
            b.append(s.title()).append('\n');
            for (String[] row : s.rows()) {
                b.append("  ").append(row[0]).append(": ").append(row[1].replace("\n", "; ")).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    List<Section> sections(Report r) {
        Report.Pipeda p = r.pipeda();
        Report.Gdpr g = r.gdpr();
        List<Section> out = new ArrayList<>();
        out.add(new Section("SOR/2018-64 s.2: report to the Privacy Commissioner of Canada", List.of(
                row("(a) Circumstances", p.circumstances()),
                row("(a) Cause", p.cause()),
                row("(b) Period", p.periodStart() + " to " + p.periodEnd()),
                row("(c) Personal information", lines(p.personalInformation())),
                row("(d) Individuals affected", p.individualsAffected() + (p.approximate() ? " (approximate: scope still being read)" : "")),
                row("(e) Steps taken to reduce the risk of harm", lines(p.stepsToReduceHarm())),
                row("(f) Steps taken to notify affected individuals", lines(p.stepsToNotify())),
                row("(g) Contact", contact(p.contact())))));
        out.add(new Section("GDPR Art. 33(3): notification to the supervisory authority", List.of(
                row("(a) Nature of the breach", g.natureOfBreach()),
                row("(a) Categories of data subjects", lines(g.categoriesOfDataSubjects())),
                row("(a) Approximate number of data subjects", String.valueOf(g.approximateDataSubjects())),
                row("(a) Categories of personal data records", lines(g.categoriesOfRecords())),
                row("(a) Approximate number of records", String.valueOf(g.approximateRecords())),
                row("(b) Contact point", contact(g.contactPoint())),
                row("(c) Likely consequences", lines(g.likelyConsequences())),
                row("(d) Measures taken", lines(g.measuresTaken())),
                row("(d) Measures proposed", lines(g.measuresProposed())),
                row("Aware since (Art. 33(1))", String.valueOf(g.awareAt())),
                row("Deadline (72 hours)", String.valueOf(g.notificationDeadline())),
                row("Reported to the authority", g.reportedAt() == null ? "not yet" : g.reportedAt().toString()),
                row("Reasons for delay", g.reasonsForDelay() == null ? "none" : g.reasonsForDelay()))));
        List<String[]> partners = new ArrayList<>();
        for (Report.PartnerLine line : r.partners()) {
            partners.add(row(line.partnerId() + (line.sensitive() ? " (sensitive)" : ""),
                    line.people() + " person(s), " + line.shipments() + " shipment(s)"));
        }
        if (partners.isEmpty()) {
            partners.add(row("Partners", "none in scope"));
        }
        out.add(new Section("Affected partners", partners));
        if (r.assessment() != null) {
            Report.Assessment a = r.assessment();
            out.add(new Section("Risk assessment (PIPEDA s.10.1, GDPR Art. 34)", List.of(
                    row("Sensitivity / probability / risk", a.sensitivity() + " / " + a.probability() + " / " + a.risk()),
                    row("Reasons", lines(a.reasons())),
                    row("Decision", a.decision() == null ? "not yet" : a.decision() + " by " + a.decidedBy()
                            + (a.decisionReason() == null ? "" : ": " + a.decisionReason())))));
        }
        List<String[]> notices = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : r.notices().entrySet()) {
            notices.add(row(e.getKey(), e.getValue().toString()));
        }
        if (!notices.isEmpty()) {
            out.add(new Section("Notices", notices));
        }
        return out;
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value == null ? "" : value};
    }

    private static String lines(List<String> items) {
        return items == null || items.isEmpty() ? "none" : String.join("\n", items);
    }

    private static String contact(Report.Organisation o) {
        return o.contactName() + ", " + o.name() + ", " + o.email() + (o.phone() == null ? "" : ", " + o.phone());
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
