package io.trackguard.tracking.disclosure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A shipment as one caller may see it. Every field that the caller's tier may not see is
 * null and left out of the JSON; only {@link DisclosurePolicy} builds these.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        String trackingNumber,
        String status,
        String partnerId,
        String orderReference,
        String sender,
        Recipient recipient,
        Destination destination,
        String productCategory,
        LocalDate expectedDeliveryDate,
        LocalDate deliveredOn,
        Instant deliveredAt,
        String signerName,
        Instant createdAt,
        List<TimelineEvent> events) {

    /** Each record class's component names and accessors, read once (the records are registered for reflection). */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(c -> new Component(c.getName(), c.getAccessor())).toArray(Component[]::new);
        }
    };

    private record Component(String name, Method accessor) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String email, String phone, String language) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String line1, String line2, String city, String province, String postalCode, String country) {
    }

    /**
     * The names of the fields this view discloses, as JSON paths ({@code recipient.name}...):
     * what the access audit log records. Identifiers (number, status, timeline) are listed too.
     * The list follows the record's components in their order, so a field added to this record
     * or to {@link Recipient} / {@link Destination} is audited without a change here: a component
     * is listed when it is not null, a nested record by its own components under its name, a
     * list (the timeline) by its name when it is not empty.
     */
    public List<String> disclosedFields() {
        List<String> fields = new ArrayList<>();
        addFields(fields, "", this);
        return fields;
    }

    private static void addFields(List<String> fields, String prefix, Record record) {
        for (Component c : COMPONENTS.get(record.getClass())) {
            Object value;
            try {
                value = c.accessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + prefix + c.name(), e);
            }
            if (value instanceof Record nested) {
                addFields(fields, prefix + c.name() + ".", nested);
            } else if (value instanceof Collection<?> list ? !list.isEmpty() : value != null) {
                fields.add(prefix + c.name());
            }
        }
    }
}
