package io.trackguard.notification.officerpage;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the officers' templates show: strings already localized and formatted, and charts already drawn to coordinates. */
public final class OfficerPageModels {

    private OfficerPageModels() {
    }

    /** Every page: its language, title, the link to the same page in the other language, and who is signed in. */
    @TemplateData
    public record Layout(String lang, String title, String switchUrl, String officer) {
    }

    /** An option of a filter's select. */
    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    /** One line of the list. */
    @TemplateData
    public record Row(String href, String label, String opened, String status, int people, String risk, String deadline) {
    }

    @TemplateData
    public record IncidentList(List<Option> statuses, List<Option> kinds, String partner, String error, String count, List<Row> rows,
                               String previous, String next, String pageOf) {
    }

    /** A label and its value, for definition lists. */
    @TemplateData
    public record Fact(String label, String value) {
    }

    @TemplateData
    public record PartnerLine(String partner, String sensitive, int shipments, int people) {
    }

    /** One bar of a chart, in SVG user units; label is what a screen reader and a tooltip say. */
    @TemplateData
    public record Bar(double x, double y, double width, double height, String fill, String label) {
    }

    /** A chart: its size, its bars, its axis texts, and its text alternative. */
    @TemplateData
    public record Chart(int width, int height, List<Bar> bars, List<Axis> axis, String description) {
    }

    /** A text drawn on a chart. */
    @TemplateData
    public record Axis(double x, double y, String anchor, String text) {
    }

    /** A row of the notices table. */
    @TemplateData
    public record NoticeLine(String channel, int queued, int sent, int failed, int held, int cancelled) {
    }

    @TemplateData
    public record HistoryRow(String when, String who, String what, String why) {
    }

    @TemplateData
    public record Clock(String awareAt, String deadline, String left, boolean over, String escalated, String reported, Chart chart) {
    }

    @TemplateData
    public record Detail(String back, List<Fact> summary, String description, String evidence, String signals, List<Fact> scope,
                         List<PartnerLine> partners, Chart lookups, String lookupsNone, List<Fact> assessment, List<String> reasons,
                         Clock clock, List<NoticeLine> notices, Chart noticeChart, String reportHref, List<HistoryRow> history) {
    }
}
