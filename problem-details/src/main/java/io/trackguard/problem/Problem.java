package io.trackguard.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is {@code about:blank} for plain HTTP errors and a
 * {@code urn:trackguard:problem:*} name for errors of our own. Never carries a stack trace,
 * an exception message or personal data.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String requestId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:trackguard:problem:";

    /** One rejected input field: where it is and what is wrong, never the rejected value. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null);
    }

    public static Problem typed(String slug, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors);
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, id, errors);
    }
}
