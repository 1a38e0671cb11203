package io.trackguard.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The partner API's OpenAPI document, on the partner port on purpose: the document of the partner
 * endpoints only. The gateway's whole document (with its /admin and /internal endpoints) is on the
 * management port, with health and metrics, like every service's.
 */
@Path("/api/v1/openapi.json")
public class PartnerApiDocumentResource {

    private static final String DEFAULT_DOCUMENT = "<default>";
    static final List<String> NOT_FOR_PARTNERS = List.of("/admin/", "/internal/");

    private final OpenApiDocumentService documents;
    private final ObjectMapper json;
    private volatile JsonNode partnerDocument;

    public PartnerApiDocumentResource(OpenApiDocumentService documents, ObjectMapper json) {
        this.documents = documents;
        this.json = json;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public JsonNode document() {
        JsonNode cached = partnerDocument;
        if (cached == null) {
            cached = partnerOnly(read(documents.getDocument(DEFAULT_DOCUMENT, Format.JSON)));
            partnerDocument = cached;
        }
        return cached;
    }

    private JsonNode read(byte[] document) {
        try {
            return json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole document without the paths, security schemes and tags that are not the partners'. */
    static JsonNode partnerOnly(JsonNode whole) {
        ObjectNode doc = whole.deepCopy();
        ObjectNode paths = (ObjectNode) doc.path("paths");
        new ArrayList<>(iterable(paths.fieldNames())).stream()
                .filter(p -> NOT_FOR_PARTNERS.stream().anyMatch(p::startsWith))
                .forEach(paths::remove);
        String remaining = paths.toString();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        if (schemes instanceof ObjectNode s) {
            new ArrayList<>(iterable(s.fieldNames())).stream().filter(name -> !remaining.contains("\"" + name + "\"")).forEach(s::remove);
        }
        if (doc.path("tags").isArray()) {
            doc.withArray("tags").removeIf(tag -> !remaining.contains("\"" + tag.path("name").asText() + "\""));
        }
        return doc;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> items) {
        List<T> all = new ArrayList<>();
        items.forEachRemaining(all::add);
        return all;
    }
}
