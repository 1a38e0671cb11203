package io.trackguard.tracking.partnerapi;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.trackguard.tracking.disclosure.ShipmentView;
import java.util.List;

/** A page of a partner's shipments; {@code nextCursor} is absent on the last page. */
@RegisterForReflection
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ShipmentPage(List<ShipmentView> items, String nextCursor) {
}
