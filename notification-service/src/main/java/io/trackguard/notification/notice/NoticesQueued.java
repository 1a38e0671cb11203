package io.trackguard.notification.notice;

import java.util.UUID;

/** Fired when notices were written to the outbox; observed after the commit to wake the sender. */
public record NoticesQueued(UUID incidentId, int count) {
}
