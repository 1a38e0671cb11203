package io.trackguard.notification.webhook;

import java.util.Optional;

/** A Redis stream entry id ({@code <milliseconds>-<sequence>}), ordered as Redis orders them. */
public record StreamPosition(long ms, long seq) implements Comparable<StreamPosition> {

    /** Before every entry: a bound that lets none through. */
    public static final StreamPosition START = new StreamPosition(0, 0);

    /** The id Redis gave an entry; empty when it is not of that form. */
    public static Optional<StreamPosition> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int dash = id.indexOf('-');
        try {
            return dash < 0 ? Optional.of(new StreamPosition(Long.parseLong(id), 0))
                    : Optional.of(new StreamPosition(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The entry right after this one: "up to and including this" as an exclusive bound. */
    public StreamPosition next() {
        return seq == Long.MAX_VALUE ? new StreamPosition(ms + 1, 0) : new StreamPosition(ms, seq + 1);
    }

    @Override
    public int compareTo(StreamPosition o) {
        int c = Long.compare(ms, o.ms);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return ms + "-" + seq;
    }
}
