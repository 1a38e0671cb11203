package io.trackguard.notification.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.casefile.IncidentStatus;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.StandIns;
import io.quarkus.test.security.TestSecurity;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
class IncidentResourceTest {

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void privacyOfficersSeeIncidentsNewestFirst() {
        UUID older = store(Instant.now().minusSeconds(3600));
        UUID newer = store(Instant.now());
        given().get("/api/v1/incidents").then().statusCode(200)
                .body("items.id", hasItem(older.toString()))
                .body("items[0].id", equalTo(newer.toString()));
        given().get("/api/v1/incidents/" + older).then().statusCode(200)
                .body("incident.kind", equalTo("ENUMERATION")).body("incident.status", equalTo("DETECTED"));
    }

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void unknownAndMalformedIdsAre404AndBadPagingIs400() {
        given().get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/incidents/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/incidents?size=100000").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/incidents?page=abc").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/incidents?status=OPEN").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/incidents?from=yesterday").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "sam.support", roles = "support")
    void supportStaffCannotReadIncidents() {
        given().get("/api/v1/incidents").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersAre401() {
        given().get("/api/v1/incidents").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    private static UUID store(Instant openedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Incident i = new Incident();
            i.id = UUID.randomUUID();
            i.openedAt = openedAt;
            i.updatedAt = openedAt;
            i.awareAt = openedAt;
            i.regulatorDeadline = openedAt.plusSeconds(72 * 3600);
            i.status = IncidentStatus.DETECTED;
            i.kind = IncidentKind.ENUMERATION;
            i.origin = Incident.Origin.MANUAL;
            i.openedBy = "test";
            i.windowStart = openedAt.minusSeconds(600);
            i.windowEnd = openedAt;
            // a later revision than a scope would ever reach: the scope worker leaves it alone
            i.scopedRevision = i.revision;
            i.persist();
            return i.id;
        });
    }
}
