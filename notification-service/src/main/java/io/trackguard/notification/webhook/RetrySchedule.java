package io.trackguard.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When the next attempt of a delivery goes: the schedule with jitter, or the endpoint's Retry-After. */
final class RetrySchedule {

    private final List<Duration> waits;
    private final double jitter;
    private final Duration maxRetryAfter;

    RetrySchedule(WebhookConfig config) {
        this(config.schedule(), config.jitter(), config.maxRetryAfter());
    }

    RetrySchedule(List<Duration> waits, double jitter, Duration maxRetryAfter) {
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Attempts a delivery gets in all. */
    int attempts() {
        return waits.size();
    }

    /**
     * After {@code attemptsMade} attempts, when the next one goes, or empty when there is none left.
     * A Retry-After longer than the schedule's wait is honoured (up to max-retry-after).
     */
    Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
        if (attemptsMade >= waits.size()) {
            return Optional.empty();
        }
        long base = waits.get(attemptsMade).toMillis();
        long spread = (long) (base * jitter);
        long wait = spread > 0 ? base + ThreadLocalRandom.current().nextLong(-spread, spread + 1) : base;
        if (retryAfter.isPresent()) {
            wait = Math.max(wait, Math.min(retryAfter.get().toMillis(), maxRetryAfter.toMillis()));
        }
        return Optional.of(now.plusMillis(wait));
    }

    /** A Retry-After header: seconds, or an HTTP date; anything else is ignored. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
        }
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
