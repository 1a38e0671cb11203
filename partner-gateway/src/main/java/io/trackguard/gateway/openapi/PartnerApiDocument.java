package io.trackguard.gateway.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes partner-gateway's OpenAPI document with what is true of every operation and
 * would be noise on each: the RateLimit fields on every 2xx and 4xx answer, the problem
 * answers (401, 403, 429 with Retry-After, 500, 503), the OAuth2 client-credentials scheme,
 * and the bounds that the gateway enforces on strings and lists. Checked by Spectral with
 * the OWASP ruleset (scripts/api-lint.sh).
 */
public class PartnerApiDocument implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    static final String OAUTH2 = "partner-oauth2";
    static final String STAFF_OAUTH2 = "admin-oauth2";
    static final String SERVICE_OAUTH2 = "service-oauth2";
    /** The longest string the gateway accepts anywhere: its body limit is 128 KiB, its fields far less. */
    static final int DEFAULT_MAX_LENGTH = 2000;
    static final int DEFAULT_MAX_ITEMS = 100;

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getInfo()
                .description("The partner API of Trackguard: create and track your shipments, subscribe to their events. "
                        + "Authenticate with an OAuth2 client-credentials token; every call counts against your plan.")
                .contact(OASFactory.createContact().name("Trackguard partner support").email("partners@trackguard.example"));
        api.setServers(List.of(OASFactory.createServer().url("https://partners.trackguard.example")
                .description("production").addExtension("x-internal", false)));
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents()
                .addSchema("Problem", problemSchema())
                .addHeader("RateLimit-Policy", header("The quota policies of this partner (IETF RateLimit-Policy field)"))
                .addHeader("RateLimit", header("What remains of the tightest policy and when it resets (IETF RateLimit field)"))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(86_400))))
                .addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                        .description("Always the developer portal's origin: no other web origin may read the API's answers")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(200)));
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        if (schemes != null) {
            new ArrayList<>(schemes.keySet()).forEach(api.getComponents()::removeSecurityScheme);
        }
        api.getComponents().addSecurityScheme(STAFF_OAUTH2, ownAccounts("Trackguard's partner administrators (role partner-admin)"));
        api.getComponents().addSecurityScheme(SERVICE_OAUTH2, ownAccounts("Trackguard's own services (role incident-responder)"));
        if (api.getPaths() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> {
                String scheme = path.startsWith("/admin/") ? STAFF_OAUTH2 : path.startsWith("/internal/") ? SERVICE_OAUTH2 : null;
                if (scheme != null) {
                    item.getOperations().values().forEach(op ->
                            op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(scheme, List.of()))));
                }
            });
        }
        api.getComponents().addSecurityScheme(OAUTH2, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Client credentials of your partner client, from the Trackguard identity provider. Access tokens "
                        + "are JWTs signed with RS256 and handled as RFC8725 (JWT best practices) requires: algorithm, issuer, "
                        + "audience and expiry are checked, and they live 5 minutes; ask for a new one rather than refreshing.")
                .flows(OASFactory.createOAuthFlows().clientCredentials(clientCredentials())));
    }

    static final java.util.Set<String> SCOPES = java.util.Set.of("shipments:read", "shipments:write", "webhooks:manage");

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            // the generated requirement names the roles or permissions; OAuth2 knows only the scopes
            List<String> scopes = operation.getSecurity().stream()
                    .flatMap(r -> r.getSchemes().values().stream()).flatMap(List::stream)
                    .filter(SCOPES::contains).distinct().toList();
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OAUTH2, scopes)));
        }
        if (operation.getDescription() == null && operation.getSummary() != null) {
            operation.setDescription(operation.getSummary());
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        addProblem(responses, "400", "The request is not valid: see the problem's errors");
        addProblem(responses, "401", "A valid bearer token is required");
        addProblem(responses, "403", "The token does not allow this operation");
        addProblem(responses, "429", "Your plan's limit is reached; wait Retry-After seconds");
        addProblem(responses, "500", "The gateway failed; the requestId identifies the failure in our logs");
        addProblem(responses, "503", "Shipments cannot be reached right now; try again after Retry-After seconds");
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            String code = entry.getKey();
            APIResponse response = entry.getValue();
            if (code.startsWith("2") || code.startsWith("4")) {
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
        return operation;
    }

    @Override
    public Schema filterSchema(Schema schema) {
        List<Schema.SchemaType> type = schema.getType();
        if (type != null && type.contains(Schema.SchemaType.STRING) && schema.getMaxLength() == null
                && schema.getEnumeration() == null && schema.getConstValue() == null) {
            schema.setMaxLength(DEFAULT_MAX_LENGTH);
        }
        if (type != null && type.contains(Schema.SchemaType.ARRAY) && schema.getMaxItems() == null) {
            schema.setMaxItems(DEFAULT_MAX_ITEMS);
        }
        return schema;
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

    private static OAuthFlow clientCredentials() {
        return OASFactory.createOAuthFlow()
                .tokenUrl("https://auth.trackguard.example/realms/trackguard/protocol/openid-connect/token")
                .refreshUrl("https://auth.trackguard.example/realms/trackguard/protocol/openid-connect/token")
                .scopes(Map.of("shipments:read", "Read your shipments", "shipments:write", "Create and cancel your shipments",
                        "webhooks:manage", "Manage your webhook subscriptions"));
    }

    private static SecurityScheme ownAccounts(String who) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description(who + "; never a partner's. JWTs handled as RFC8725 requires; they live 5 minutes.")
                .flows(OASFactory.createOAuthFlows().clientCredentials(OASFactory.createOAuthFlow()
                        .tokenUrl("https://auth.trackguard.example/realms/trackguard/protocol/openid-connect/token")
                        .refreshUrl("https://auth.trackguard.example/realms/trackguard/protocol/openid-connect/token")
                        .scopes(Map.of())));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(DEFAULT_MAX_LENGTH);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(200))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", text)
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(64))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).maxItems(100).items(fieldError));
    }
}
