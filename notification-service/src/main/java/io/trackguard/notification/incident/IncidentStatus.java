package io.trackguard.notification.incident;

/** An incident's life: opened from a security event, scoped, notices sent, closed. */
public enum IncidentStatus {
    OPEN, SCOPED, NOTIFYING, CLOSED
}
