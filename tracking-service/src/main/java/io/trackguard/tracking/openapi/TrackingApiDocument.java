package io.trackguard.tracking.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes tracking-service's OpenAPI document with what is true of every operation: the
 * problem answers, the RateLimit fields of the limited endpoints (every public, recipient and
 * partner one), the production server, and the bounds the service enforces on strings, lists
 * and numbers. Checked by Spectral with the OWASP ruleset (scripts/api-lint.sh); the exceptions,
 * with their reasons, are in tools/spectral/.spectral.yaml.
 */
public class TrackingApiDocument implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    static final String RECIPIENT_SESSION = "recipient-session";
    /** No string a request or answer carries is longer (bodies are at most 64 KiB, fields far less). */
    static final int DEFAULT_MAX_LENGTH = 2000;
    static final int DEFAULT_MAX_ITEMS = 1000;
    /** Endpoints without a limiter of their own: our own services' and carrier operations' (internal network). */
    static final Set<String> UNLIMITED_PREFIXES = Set.of("/internal/");
    private static final Pattern CLASS = Pattern.compile("\\[([^\\]]*)\\]");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getInfo().description("Trackguard's tracking service: public tracking (the disclosure policy decides every field), "
                        + "recipient verification, carrier scans, and the partner API behind partner-gateway.")
                .contact(OASFactory.createContact().name("Trackguard platform team").email("platform@trackguard.example"));
        api.setServers(List.of(OASFactory.createServer().url("https://track.trackguard.example")
                .description("production").addExtension("x-internal", false)));
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents()
                .addSchema("Problem", problemSchema())
                .addHeader("RateLimit-Policy", header("The limits of this endpoint (IETF RateLimit-Policy field)"))
                .addHeader("RateLimit", header("What remains of the tightest limit and when it resets (IETF RateLimit field)"))
                .addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                        .description("Always the tracking site's own origin: no other web origin may read the answers")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(200)))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(86_400))));
        api.getComponents().addSecurityScheme(RECIPIENT_SESSION, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("Recipient-Session")
                .description("The session answered by verify or by a one-time link: proof of being the recipient of that one shipment, "
                        + "for 15 minutes (the page uses the same value in an HttpOnly cookie)"));
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/api/v1/track/") && (path.getKey().endsWith("/details") || path.getKey().endsWith("/accesses"))) {
                path.getValue().getOperations().values().forEach(op ->
                        op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(RECIPIENT_SESSION, List.of()))));
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                boolean limited = UNLIMITED_PREFIXES.stream().noneMatch(path.getKey()::startsWith)
                        && !(op.getKey() == PathItem.HttpMethod.POST && path.getKey().endsWith("/events"));
                complete(op.getValue(), limited);
            }
        }
    }

    private static void complete(Operation operation, boolean limited) {
        if (operation.getDescription() == null && operation.getSummary() != null) {
            operation.setDescription(operation.getSummary());
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        addProblem(responses, "400", "The request is not valid: see the problem's errors");
        if (secured) {
            addProblem(responses, "401", "A valid bearer token (or, for a recipient's view, a recipient session) is required");
            addProblem(responses, "403", "The token does not allow this operation");
        }
        if (limited) {
            addProblem(responses, "429", "A limit is reached; wait Retry-After seconds");
        }
        addProblem(responses, "500", "The service failed; the requestId identifies the failure in our logs");
        addProblem(responses, "503", "A dependency is away; try again after Retry-After seconds");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            String code = entry.getKey();
            APIResponse response = entry.getValue();
            if (limited && (code.startsWith("2") || code.startsWith("4"))) {
                response.addHeader("RateLimit-Policy", ref("RateLimit-Policy"));
                response.addHeader("RateLimit", ref("RateLimit"));
            }
            response.addHeader("Access-Control-Allow-Origin", ref("Access-Control-Allow-Origin"));
            if (code.equals("429") || code.equals("503")) {
                response.addHeader("Retry-After", ref("Retry-After"));
            }
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        }
    }

    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema.SchemaType> type = schema.getType();
        if (type == null) {
            return schema;
        }
        if (type.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null && schema.getEnumeration() == null
                && schema.getConstValue() == null) {
            schema.setMaxLength(DEFAULT_MAX_LENGTH);
        }
        if (type.contains(Schema.SchemaType.STRING) && schema.getPattern() != null) {
            schema.setPattern(portable(schema.getPattern()));
        }
        if (type.contains(Schema.SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(DEFAULT_MAX_ITEMS);
        }
        if (type.contains(Schema.SchemaType.INTEGER)) {
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.ZERO);
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf("int32".equals(schema.getFormat()) ? Integer.MAX_VALUE : Long.MAX_VALUE));
            }
        }
        return schema;
    }

    /**
     * A Java pattern as the ECMA regular expressions of OpenAPI understand it: the inline
     * case-insensitive flag (?i), which they lack, becomes both cases in each character class.
     */
    static String portable(String pattern) {
        if (!pattern.startsWith("(?i)")) {
            return pattern;
        }
        Matcher classes = CLASS.matcher(pattern.substring(4));
        StringBuilder out = new StringBuilder();
        while (classes.find()) {
            String members = classes.group(1);
            String other = members.chars().anyMatch(Character::isUpperCase) ? members.toLowerCase() : members.toUpperCase();
            classes.appendReplacement(out, Matcher.quoteReplacement("[" + members + (other.equals(members) ? "" : other) + "]"));
        }
        classes.appendTail(out);
        return out.toString();
    }

    private static void addProblem(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(500));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(DEFAULT_MAX_LENGTH);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(200))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
                .addProperty("detail", text)
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(64))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).maxItems(100).items(fieldError));
    }
}
