package io.trackguard.notification.scope;

/** tracking-service answered 4xx: the request itself is wrong (or our token is), so trying again changes nothing. */
public class TrackingServiceRefused extends RuntimeException {

    private final int status;

    public TrackingServiceRefused(int status) {
        super("tracking-service answered " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
