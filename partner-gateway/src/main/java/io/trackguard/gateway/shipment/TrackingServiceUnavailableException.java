package io.trackguard.gateway.shipment;

/** tracking-service answered with a 5xx: counted by the circuit breaker, retried where safe. */
public class TrackingServiceUnavailableException extends RuntimeException {

    public TrackingServiceUnavailableException(int status) {
        super("tracking-service answered " + status, null, false, false);
    }
}
