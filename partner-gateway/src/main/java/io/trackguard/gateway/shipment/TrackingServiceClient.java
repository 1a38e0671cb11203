package io.trackguard.gateway.shipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.trackguard.gateway.contract.AnswerReading;
import io.trackguard.problem.Problem;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.RecipientLink;
import io.trackguard.trackingapi.ShipmentPage;
import io.trackguard.trackingapi.TimelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Calls tracking-service with the gateway's own identity, on behalf of the current partner, and
 * owns the fault tolerance. Answers below
 * 500 (a 404 included) are answers, not failures; 5xx, timeouts and refused connections are
 * failures and open the breaker. Reads and cancels (idempotent) are retried with jitter; a
 * create only when the connection was refused, since then it surely never arrived. A create
 * whose outcome is unknown is settled by the partner's retry with the same Idempotency-Key.
 *
 * <p>Every call has a timeout, retries, a circuit breaker and a bulkhead, declared once on the
 * class; their values are in application.properties ("Fault tolerance of the tracking-service
 * client"), the one place to tune them. Only what differs is said on a method: reads have a
 * timeout of their own, and a create or a link is retried only when it surely never arrived.
 *
 * <p>Answers are read into the records of io.trackguard.trackingapi. A 2xx body that does not fit
 * its record (not JSON, a wrong type, a required field missing) is tracking-service failing
 * ({@link TrackingServiceAnswerInvalidException}: 503 to the partner), not retried since it would
 * fail the same way. A field the record does not know is left out and logged by name: during a
 * rolling deployment tracking-service may be a version ahead, and the gateway answers only what
 * its own document describes (tracking-service's ApiContractTest keeps the two in step).
 */
@ApplicationScoped
@Timeout
@Retry(abortOn = TrackingServiceAnswerInvalidException.class)
@CircuitBreaker
@Bulkhead
public class TrackingServiceClient {

    private static final Logger LOG = Logger.getLogger(TrackingServiceClient.class);

    /**
     * What tracking-service said: its status, and either the record it answered (2xx) or its problem,
     * ready to pass on (anything else), and the partner it says owns the answer (Trackguard-Partner-Id)
     * where the body does not say (events).
     */
    public record Answer<T>(int status, T body, Problem problem, String owner) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final TrackingServiceApi api;
    private final ObjectMapper json;
    private final ObjectReader shipment;
    private final ObjectReader page;
    private final ObjectReader events;
    private final ObjectReader link;

    public TrackingServiceClient(@RestClient TrackingServiceApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
        this.shipment = lenient(json.readerFor(PartnerShipment.class));
        this.page = lenient(json.readerFor(ShipmentPage.class));
        this.events = lenient(json.readerFor(new TypeReference<List<TimelineEvent>>() { }));
        this.link = lenient(json.readerFor(RecipientLink.class));
    }

    @Retry(retryOn = TrackingServiceUnreachableException.class)
    public Answer<PartnerShipment> create(NewShipment newShipment) {
        return call(() -> api.create(newShipment), shipment);
    }

    @Timeout
    public Answer<PartnerShipment> get(String trackingNumber) {
        return call(() -> api.get(trackingNumber), shipment);
    }

    @Timeout
    public Answer<List<TimelineEvent>> events(String trackingNumber) {
        return call(() -> api.events(trackingNumber), events);
    }

    public Answer<PartnerShipment> cancel(String trackingNumber) {
        return call(() -> api.cancel(trackingNumber), shipment);
    }

    public Answer<ShipmentPage> list(String reference, String status, String createdFrom, String createdTo, String cursor, Integer limit) {
        return call(() -> api.list(reference, status, createdFrom, createdTo, cursor, limit), page);
    }

    /** A one-time recipient link: minted by tracking-service, so a timeout is not retried (a second link would be minted). */
    @Retry(retryOn = TrackingServiceUnreachableException.class)
    public Answer<RecipientLink> recipientLink(String trackingNumber) {
        return call(() -> api.recipientLink(trackingNumber), link);
    }

    private <T> Answer<T> call(Supplier<Response> request, ObjectReader reader) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException) {
                    throw new TrackingServiceUnreachableException();
                }
            }
            throw e;
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 500) {
                throw new TrackingServiceUnavailableException(status);
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            String owner = response.getHeaderString(RelayedPartner.ID_HEADER);
            if (status >= 200 && status < 300) {
                return new Answer<>(status, read(status, body, reader), null, owner);
            }
            return new Answer<>(status, null, problem(status, body), owner);
        }
    }

    private <T> T read(int status, String body, ObjectReader reader) {
        if (body == null || body.isBlank()) {
            throw invalid(status, "body");
        }
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw invalid(status, "body");
            }
            return value;
        } catch (JsonMappingException e) {
            throw invalid(status, AnswerReading.path(e));
        } catch (IOException e) {
            throw invalid(status, "body");
        }
    }

    /** tracking-service's 4xx problem, to pass on under the gateway's own request id; a plain one when the body is not a problem. */
    private Problem problem(int status, String body) {
        try {
            Problem problem = body == null || body.isBlank() ? null : json.readValue(body, Problem.class);
            if (problem != null && problem.status() == status) {
                return problem.withRequestId(null);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not a problem document: a plain one instead
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), null);
    }

    private static TrackingServiceAnswerInvalidException invalid(int status, String where) {
        LOG.errorf("tracking-service answered %d with a body that does not match the contract at %s; answered 503", status, where);
        return new TrackingServiceAnswerInvalidException(status, where);
    }

    private static ObjectReader lenient(ObjectReader reader) {
        return AnswerReading.lenientOnNewFields(reader, "tracking-service", LOG);
    }
}
