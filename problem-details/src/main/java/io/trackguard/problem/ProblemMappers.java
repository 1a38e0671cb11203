package io.trackguard.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every exception that reaches JAX-RS leaves as a problem document. Messages of exceptions are
 * never copied into answers: they can hold class names, SQL or the caller's data.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Map<String, String> BEARER_CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

    private final ProblemResponses responses;
    private final RoutingContext routingContext;

    public ProblemMappers(ProblemResponses responses, RoutingContext routingContext) {
        this.responses = responses;
        this.routingContext = routingContext;
    }

    @ServerExceptionMapper
    public Response ownProblem(ProblemException e) {
        return answer(e.problem(), e.headers());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return answer(Problem.of(401, "Unauthorized", "A valid bearer token is required."), BEARER_CHALLENGE);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return answer(Problem.of(401, "Unauthorized", "A valid bearer token is required."), BEARER_CHALLENGE);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Problem.of(403, "Forbidden", "The token does not allow this operation."), Map.of());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return answer(invalidBody(e), Map.of());
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e) {
        return answer(invalidBody(e), Map.of());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return answer(invalidBody(e), Map.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return answer(invalidBody(e), Map.of());
    }

    /**
     * The 400 problem for a body that does not bind: the same whether JAX-RS bound it or a service
     * bound a part of it itself (partner-gateway binds each shipment of a batch on its own).
     */
    public static Problem invalidBody(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return Problem.typed("invalid-body", 400, "Invalid request body", "The body has a field this operation does not accept.")
                    .withErrors(List.of(new Problem.FieldError(path(u), "unknown field")));
        }
        if (e instanceof InvalidFormatException f) {
            return Problem.typed("invalid-body", 400, "Invalid request body", "A field has a value of the wrong type or format.")
                    .withErrors(List.of(new Problem.FieldError(path(f), "wrong type or format")));
        }
        if (e instanceof MismatchedInputException m) {
            return Problem.typed("invalid-body", 400, "Invalid request body", "The body does not have the expected shape.")
                    .withErrors(List.of(new Problem.FieldError(path(m), "unexpected value")));
        }
        return Problem.typed("malformed-json", 400, "Malformed JSON", "The request body is not well-formed JSON.");
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return answer(Problem.typed("invalid-request", 400, "Invalid request", "Some fields are missing or invalid.")
                .withErrors(errors), Map.of());
    }

    @ServerExceptionMapper
    public Response validationSetup(ValidationException e) {
        LOG.errorf(e, "validation could not run, request %s", requestId());
        return answer(ProblemRoutes.problemFor(500), Map.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "server error %d, request %s", status, requestId());
        }
        Map<String, String> headers = new java.util.HashMap<>();
        for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
            String value = original.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return answer(ProblemRoutes.problemFor(status), headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DependencyFailures.isDependencyFailure(e)) {
            // the dependency's failure, not ours: the same request succeeds once it is back
            LOG.warnf("dependency unavailable (%s), request %s", e.getClass().getSimpleName(), requestId());
            return answer(ProblemRoutes.unavailable(), Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(responses.retryAfterSeconds())));
        }
        LOG.errorf(e, "unhandled exception, request %s", requestId());
        return answer(ProblemRoutes.problemFor(500), Map.of());
    }

    private Response answer(Problem problem, Map<String, String> headers) {
        return responses.response(problem, headers);
    }

    private String requestId() {
        return routingContext.get(RequestIds.PROPERTY);
    }

    /** The JSON path of the offending field, e.g. {@code destination.postalCode}. */
    private static String path(JsonMappingException e) {
        String joined = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return joined.isEmpty() ? "$" : joined;
    }

    /** Drops the method and parameter names that bean validation puts in front (create.arg0.x -> x). */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
