package io.trackguard.gateway.shipment;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.trackguard.trackingapi.NewShipment;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * tracking-service's partner API, called with the gateway's own client-credentials token
 * (OidcClientFilter), the partner named by {@link RelayedPartner}. Only {@link TrackingServiceClient} uses it,
 * and reads each answer itself into the records of io.trackguard.trackingapi: a 4xx is a problem to
 * pass on, a 2xx the record, a body that is neither a failure of tracking-service.
 */
@RegisterRestClient(configKey = "tracking-service")
@OidcClientFilter
@RegisterClientHeaders(RelayedPartner.class)
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
interface TrackingServiceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(NewShipment shipment);

    @GET
    @Path("/{trackingNumber}")
    Response get(@PathParam("trackingNumber") String trackingNumber);

    @GET
    @Path("/{trackingNumber}/events")
    Response events(@PathParam("trackingNumber") String trackingNumber);

    @POST
    @Path("/{trackingNumber}/cancel")
    Response cancel(@PathParam("trackingNumber") String trackingNumber);

    @POST
    @Path("/{trackingNumber}/recipient-link")
    Response recipientLink(@PathParam("trackingNumber") String trackingNumber);

    @GET
    Response list(@QueryParam("reference") String reference, @QueryParam("status") String status,
                  @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);
}
