package io.trackguard.notification.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes notification-service's OpenAPI document with what is true of every operation: the
 * OAuth2 scheme (privacy officers sign in through Trackguard's identity provider), the problem
 * answers (400, 401, 403, 404, 409, 429, 500), and bounds on strings and lists. Checked by
 * Spectral with the OWASP ruleset (scripts/api-lint.sh).
 */
public class OfficerApiDocument implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    static final String OAUTH2 = "officer-oauth2";
    static final int DEFAULT_MAX_LENGTH = 8000;
    static final int DEFAULT_MAX_ITEMS = 500;
    static final String AUTH = "https://auth.trackguard.example/realms/trackguard/protocol/openid-connect";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getInfo()
                .description("The privacy officers' API of Trackguard: incidents opened from security events or by hand, their "
                        + "scope, risk assessment and history, the notices to people and partners, and the regulator's report. "
                        + "Role privacy-officer.")
                .contact(OASFactory.createContact().name("Trackguard privacy office").email("privacy@trackguard.example"));
        api.setServers(List.of(OASFactory.createServer().url("https://privacy.trackguard.example")
                .description("production (internal)").addExtension("x-internal", true)));
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema("Problem", problemSchema())
                .addHeader("RateLimit-Policy", header("The officer's limit (IETF RateLimit-Policy field)"))
                .addHeader("RateLimit", header("What remains of it and when it resets (IETF RateLimit field)"))
                .addHeader("Access-Control-Allow-Origin", OASFactory.createHeader()
                        .description("Always the officers' page's origin: no other web origin may read the answers")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri").maxLength(200)))
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(86_400))));
        Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
        if (schemes != null) {
            new ArrayList<>(schemes.keySet()).forEach(api.getComponents()::removeSecurityScheme);
        }
        api.getComponents().addSecurityScheme(OAUTH2, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Privacy officers sign in with Trackguard's identity provider (authorization code with PKCE). Access "
                        + "tokens are JWTs signed with RS256 and handled as RFC8725 (JWT best practices) requires: algorithm, issuer, "
                        + "audience and expiry are checked; they live 5 minutes.")
                .flows(OASFactory.createOAuthFlows().authorizationCode(OASFactory.createOAuthFlow()
                        .authorizationUrl(AUTH + "/auth").tokenUrl(AUTH + "/token").refreshUrl(AUTH + "/token").scopes(Map.of()))));
        api.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OAUTH2, List.of())));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OAUTH2, List.of())));
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
        addProblem(responses, "403", "The token does not have the privacy-officer role");
        addProblem(responses, "404", "No such incident (or notice)");
        addProblem(responses, "429", "Too many requests; wait Retry-After seconds");
        addProblem(responses, "500", "The service failed; the requestId identifies the failure in our logs");
        if (operation.getRequestBody() != null) {
            addProblem(responses, "409", "The incident's state does not allow this (already decided, already closed...)");
            addProblem(responses, "415", "The body must be JSON");
        }
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            String code = entry.getKey();
            if (code.startsWith("2") || code.startsWith("4")) {
                entry.getValue().addHeader("RateLimit-Policy", ref("RateLimit-Policy"));
                entry.getValue().addHeader("RateLimit", ref("RateLimit"));
            }
            entry.getValue().addHeader("Access-Control-Allow-Origin", ref("Access-Control-Allow-Origin"));
            if (code.equals("429")) {
                entry.getValue().addHeader("Retry-After", OASFactory.createHeader().ref("#/components/headers/Retry-After"));
            }
            if (code.startsWith("4") || code.startsWith("5")) {
                entry.getValue().setContent(problemContent());
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
        if (type != null && type.contains(Schema.SchemaType.INTEGER)) {
            if (schema.getMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(Integer.MIN_VALUE));
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(Long.MAX_VALUE));
            }
        }
        return schema;
    }

    private static void addProblem(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(500));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(2000);
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
