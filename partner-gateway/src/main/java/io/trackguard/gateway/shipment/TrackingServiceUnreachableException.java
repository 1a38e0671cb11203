package io.trackguard.gateway.shipment;

/** The connection to tracking-service was refused: the request surely never arrived, so even a create may be sent again. */
public class TrackingServiceUnreachableException extends TrackingServiceUnavailableException {

    public TrackingServiceUnreachableException() {
        super(0);
    }
}
