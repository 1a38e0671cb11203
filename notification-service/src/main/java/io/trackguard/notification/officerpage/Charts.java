package io.trackguard.notification.officerpage;

import io.trackguard.notification.incident.Views;
import io.trackguard.notification.officerpage.OfficerPageModels.Axis;
import io.trackguard.notification.officerpage.OfficerPageModels.Bar;
import io.trackguard.notification.officerpage.OfficerPageModels.Chart;
import io.trackguard.notification.officerpage.OfficerPageModels.NoticeLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The page's pictures, drawn on the server as SVG coordinates (no script, no style attribute,
 * so the page's CSP holds). Colours meet 3:1 against white for graphics; every chart also has
 * its numbers in text beside it.
 */
final class Charts {

    static final int WIDTH = 640;
    static final String BLUE = "#0b4f8a";
    static final String GREEN = "#1d6b2f";
    static final String RED = "#8a1111";
    static final String AMBER = "#7a5200";
    static final String GREY = "#595959";

    private Charts() {
    }

    /** Lookups per bucket, as vertical bars, with the first and last bucket and the peak written on the axes. */
    static Chart lookups(List<Views.LookupBucket> buckets, Function<Views.LookupBucket, String> when, String description) {
        int height = 200;
        int top = 20;
        int bottom = 170;
        int left = 40;
        double plot = WIDTH - left - 10;
        long peak = Math.max(1, buckets.stream().mapToLong(Views.LookupBucket::accesses).max().orElse(1));
        double step = plot / Math.max(1, buckets.size());
        double barWidth = Math.max(1, step * 0.8);
        List<Bar> bars = new ArrayList<>();
        for (int k = 0; k < buckets.size(); k++) {
            Views.LookupBucket b = buckets.get(k);
            double h = (bottom - top) * (double) b.accesses() / peak;
            bars.add(new Bar(round(left + k * step), round(bottom - h), round(barWidth), round(h), BLUE,
                    when.apply(b) + ": " + b.accesses()));
        }
        List<Axis> axis = new ArrayList<>();
        axis.add(new Axis(left - 6, top + 5, "end", String.valueOf(peak)));
        axis.add(new Axis(left - 6, bottom, "end", "0"));
        if (!buckets.isEmpty()) {
            axis.add(new Axis(left, bottom + 20, "start", when.apply(buckets.get(0))));
            if (buckets.size() > 1) {
                axis.add(new Axis(WIDTH - 10, bottom + 20, "end", when.apply(buckets.get(buckets.size() - 1))));
            }
        }
        return new Chart(WIDTH, height, bars, axis, description);
    }

    /** Notices per channel as stacked horizontal bars: sent, queued, held, failed. */
    static Chart notices(List<NoticeLine> lines, String description) {
        int rowHeight = 34;
        int left = 110;
        double plot = WIDTH - left - 60;
        int most = Math.max(1, lines.stream().mapToInt(l -> l.sent() + l.queued() + l.held() + l.failed()).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        List<Axis> axis = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            NoticeLine l = lines.get(k);
            double y = 10 + k * rowHeight;
            axis.add(new Axis(left - 8, y + 17, "end", l.channel()));
            double x = left;
            int[] counts = {l.sent(), l.queued(), l.held(), l.failed()};
            String[] fills = {GREEN, BLUE, AMBER, RED};
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                double w = plot * counts[c] / most;
                bars.add(new Bar(round(x), y, round(w), 22, fills[c], l.channel() + ": " + counts[c]));
                x += w;
            }
            axis.add(new Axis(round(x + 6), y + 17, "start", String.valueOf(l.sent() + l.queued() + l.held() + l.failed())));
        }
        return new Chart(WIDTH, 20 + lines.size() * rowHeight, bars, axis, description);
    }

    /** How much of the 72 hours is used: one bar on a track. */
    static Chart clock(double usedFraction, String description) {
        double used = Math.max(0, Math.min(1, usedFraction));
        List<Bar> bars = List.of(new Bar(0, 0, WIDTH, 18, "#e3e3e3", ""),
                new Bar(0, 0, round(WIDTH * used), 18, used >= 1 ? RED : used >= 2.0 / 3 ? AMBER : BLUE, description));
        return new Chart(WIDTH, 18, bars, List.of(), description);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
