package io.trackguard.gateway.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * How the gateway reads another of our services' answers into its records (tracking-service's into
 * io.trackguard.trackingapi, notification-service's into the webhook package's): a field the record
 * does not know is left out and its name (never its value) logged, since during a rolling deployment
 * the other service may be a version ahead; anything else that does not fit fails the read.
 */
public final class AnswerReading {

    private AnswerReading() {
    }

    /** {@code reader}, skipping fields its record does not know, each logged by name as coming from {@code service}. */
    public static ObjectReader lenientOnNewFields(ObjectReader reader, String service, Logger log) {
        return reader.withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                                 Object beanOrClass, String propertyName) throws IOException {
                log.warnf("%s answered a field the gateway's contract does not know (%s); left out", service, propertyName);
                parser.skipChildren();
                return true;
            }
        });
    }

    /** Where in the body a read failed, as a path ({@code events[0].type}), {@code $} for the whole body. */
    public static String path(JsonMappingException e) {
        String joined = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return joined.isEmpty() ? "$" : joined;
    }
}
