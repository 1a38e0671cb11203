package io.trackguard.notification.scope;

/** tracking-service could not answer (down, slow, 5xx, breaker open): worth trying again later. */
public class TrackingServiceUnavailable extends RuntimeException {

    public TrackingServiceUnavailable(String why) {
        super(why, null, false, false);
    }
}
