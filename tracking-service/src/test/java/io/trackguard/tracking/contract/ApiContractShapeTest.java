package io.trackguard.tracking.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.tracking.disclosure.ShipmentView;
import io.trackguard.trackingapi.NewShipment;
import io.trackguard.trackingapi.PartnerShipment;
import io.trackguard.trackingapi.RecipientLink;
import io.trackguard.trackingapi.ShipmentPage;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records of io.trackguard.trackingapi have the components of the classes they mirror here, in the
 * same order (the gateway writes them in that order, so its answers are this service's bytes) and of
 * the same types, records within records alike; NewShipment has the same constraints too. A field the
 * records have and this service does not, or the other way, fails here; {@link ApiContractTest} reads
 * real answers into the records.
 */
class ApiContractShapeTest {

    @Test
    void theShipmentViewWithItsRecipientDestinationAndTimeline() {
        sameShape(ShipmentView.class, PartnerShipment.class, false);
    }

    @Test
    void thePage() {
        sameShape(io.trackguard.tracking.partnerapi.ShipmentPage.class, ShipmentPage.class, false);
    }

    @Test
    void theRecipientLink() {
        sameShape(io.trackguard.tracking.recipient.RecipientLink.class, RecipientLink.class, false);
    }

    @Test
    void theNewShipmentWithItsConstraints() {
        // what the gateway sends: the same fields, and the same constraints, which the gateway's document shows
        sameShape(io.trackguard.tracking.shipment.NewShipment.class, NewShipment.class, true);
    }

    /** Compares components by name, order and type, records within records the same way; constraints too if asked. */
    private static void sameShape(Class<?> ours, Class<?> theirs, boolean constraints) {
        List<String> ourNames = Arrays.stream(ours.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> theirNames = Arrays.stream(theirs.getRecordComponents()).map(RecordComponent::getName).toList();
        assertEquals(ourNames, theirNames, ours.getName() + " and " + theirs.getName() + ": the same fields in the same order");
        for (int i = 0; i < ourNames.size(); i++) {
            RecordComponent mine = ours.getRecordComponents()[i];
            RecordComponent other = theirs.getRecordComponents()[i];
            String where = ours.getSimpleName() + "." + mine.getName();
            Class<?> mineType = elementType(mine);
            Class<?> otherType = elementType(other);
            if (mineType.isRecord()) {
                assertTrue(otherType.isRecord(), where + " is a record on both sides");
                sameShape(mineType, otherType, constraints);
            } else {
                assertEquals(mineType, otherType, where + ": the same type");
            }
            assertEquals(mine.getType().equals(List.class), other.getType().equals(List.class), where + ": a list on both sides or neither");
            if (constraints) {
                assertEquals(constraintsOf(mine), constraintsOf(other), where + ": the same constraints");
            }
        }
    }

    private static Class<?> elementType(RecordComponent component) {
        if (component.getGenericType() instanceof ParameterizedType list) {
            return (Class<?>) list.getActualTypeArguments()[0];
        }
        return component.getType();
    }

    private static List<String> constraintsOf(RecordComponent component) {
        List<String> found = new ArrayList<>();
        // a constraint written on a record component lands on its accessor too
        for (Annotation a : component.getAccessor().getAnnotations()) {
            if (a.annotationType().getPackageName().equals("jakarta.validation.constraints") || a.annotationType().getName().equals("jakarta.validation.Valid")) {
                found.add(a.toString());
            }
        }
        found.sort(String::compareTo);
        return found;
    }

}
