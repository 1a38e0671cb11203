package io.trackguard.gateway.shipment;

/**
 * tracking-service answered, but not with what its contract (io.trackguard.trackingapi) says: a body that is
 * not JSON, a field of the wrong type, a required field missing. A failure of tracking-service like a
 * 5xx (503 to the partner, counted by the breaker), never the gateway's own 500; never retried, since
 * the same request gets the same answer. Says where, never the value (it may be personal data).
 */
public class TrackingServiceAnswerInvalidException extends TrackingServiceUnavailableException {

    private final String where;

    public TrackingServiceAnswerInvalidException(int status, String where) {
        super(status);
        this.where = where;
    }

    /** The JSON path that did not match, or "body". */
    public String where() {
        return where;
    }
}
