package io.trackguard.notification.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.trackguard.notification.support.Db;
import io.trackguard.notification.support.Events;
import io.trackguard.notification.support.Mailbox;
import io.trackguard.notification.support.StandIns;
import io.trackguard.testsupport.Await;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole path inside notification-service, against the real PostgreSQL, Redis and an SMTP
 * server (GreenMail), with stand-ins for tracking-service and partner-gateway: a security event
 * on the stream becomes an incident, its scope is read, it is assessed, and every person and
 * partner gets exactly one notice.
 */
@QuarkusTest
@QuarkusTestResource(value = StandIns.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = Mailbox.class, restrictToAnnotatedClass = true)
class BreachNotificationTest {

    static final List<String> SEEN_BY_GUESSING = List.of("status", "events", "sender", "recipient.name", "recipient.email", "signerName",
            "destination.city", "destination.postalCode", "deliveredAt");

    @Test
    @TestSecurity(user = "priya.officer", roles = "privacy-officer")
    void anEnumerationEventEndsWithOneNoticePerPersonInTheirLanguageAndOneForThePartner() throws Exception {
        String actor = "ip:" + UUID.randomUUID();
        String partner = "ocs-" + suffix();
        String ana = "ana." + suffix() + "@example.com";
        String bo = "bo." + suffix() + "@example.org";
        String partnerContact = "privacy@" + partner + ".example";
        StandIns.partner(partner, "Ontario Cannabis Retail", true, partnerContact);
        String n1 = number();
        String n2 = number();
        String n3 = number();
        StandIns.EXPOSURES.put(actor, List.of(
                StandIns.exposure(n1, partner, true, "Ana Lopez", "  " + ana.toUpperCase() + " ", "fr", SEEN_BY_GUESSING, List.of("PUBLIC", "RECIPIENT")),
                StandIns.exposure(n2, partner, true, "Ana Lopez", ana, "fr", SEEN_BY_GUESSING, List.of("RECIPIENT")),
                StandIns.exposure(n3, partner, true, "Bo Chen", bo, null, SEEN_BY_GUESSING, List.of("RECIPIENT"))));

        Events.add(Events.enumeration(actor, 13));

        UUID id = Await.until("an incident about " + actor, () -> incidentOf(actor), v -> v != null);
        Await.until("the incident notified", () -> status(id), "NOTIFIED"::equals);

        List<MimeMessage> toAna = Mailbox.to(ana);
        assertEquals(1, toAna.size(), "one notice however many parcels");
        String anaText = body(toAna.get(0));
        assertTrue(toAna.get(0).getSubject().contains("colis"), "in French, her language: " + toAna.get(0).getSubject());
        assertFalse(anaText.contains("WHAT HAPPENED"), "French only");
        assertTrue(anaText.contains("CE QUI S'EST PASSÉ") && anaText.contains("QUAND") && anaText.contains("QUELS RENSEIGNEMENTS")
                && anaText.contains("CE QUE NOUS AVONS FAIT") && anaText.contains("CE QUE VOUS POUVEZ FAIRE")
                && anaText.contains("POUR NOUS JOINDRE") && anaText.contains("Commissariat à la protection de la vie privée du Canada"), anaText);
        assertTrue(anaText.contains("le nom de la personne qui a signé"), "the signer's name is named as disclosed");
        assertEquals(2, links(anaText).size(), "one single-use link per parcel: " + anaText);
        assertTrue(links(anaText).stream().allMatch(l -> l.startsWith("http://127.0.0.1:8080/r/link-")), anaText);

        List<MimeMessage> toBo = Mailbox.to(bo);
        assertEquals(1, toBo.size());
        String boText = body(toBo.get(0));
        assertTrue(boText.contains("WHAT HAPPENED") && boText.contains("CE QUI S'EST PASSÉ"), "no language known: English and French");
        assertTrue(boText.contains("Privacy Commissioner of Canada") && boText.contains("1-800-282-1376"), boText);
        assertEquals(1, links(boText).size() / 2, "the link once in each language");

        String messageId = toBo.get(0).getMessageID();
        assertEquals(messageId, Db.value("SELECT n.idempotency_key FROM notice n JOIN affected_person p ON p.id = n.person_id "
                + "WHERE p.email = ?", bo), "the idempotency key is the Message-ID");

        List<MimeMessage> toPartner = Mailbox.to(partnerContact);
        assertEquals(1, toPartner.size());
        String partnerMail = new String(toPartner.get(0).getInputStream().readAllBytes());
        assertTrue(toPartner.get(0).getSubject().contains("2 of your customers"), toPartner.get(0).getSubject());
        assertTrue(toPartner.get(0).getContentType().startsWith("multipart/mixed"), "the report is attached");
        assertTrue(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(toPartner.get(0)).contains("application/pdf"), partnerMail);

        assertEquals(1, StandIns.LINKS.get(n1).get());
        assertEquals(1, StandIns.LINKS.get(n3).get());

        given().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("incident.status", equalTo("NOTIFIED"))
                .body("incident.kind", equalTo("ENUMERATION"))
                .body("incident.peopleAffected", equalTo(2))
                .body("incident.shipmentsExposed", equalTo(3))
                .body("assessment.decision", equalTo("NOTIFY"))
                .body("assessment.decidedBy", equalTo("rule:auto-notify"))
                .body("assessment.sensitivity", equalTo("HIGH"))
                .body("notices.PERSON.SENT", equalTo(2))
                .body("notices.PARTNER.SENT", equalTo(1))
                .body("history.findAll { it.what == 'TRANSITION' }.toStatus", equalTo(List.of("SCOPING", "ASSESSED", "NOTIFYING", "NOTIFIED")))
                .body("partners[0].partnerId", equalTo(partner))
                .body("partners[0].people", equalTo(2));
        given().get("/api/v1/incidents/" + id + "/report").then().statusCode(200)
                .body("pipeda.individualsAffected", equalTo(2))
                .body("gdpr.approximateRecords", equalTo(3))
                .body("pipeda.personalInformation", org.hamcrest.Matchers.hasItem("the name of the person who signed for the parcel"))
                .body("partners[0].sensitive", equalTo(true));
    }

    @Test
    void anExposureOfThePublicTierOnlyIsClosedAndOnlyThePartnerIsTold() {
        String actor = "ip:" + UUID.randomUUID();
        String partner = "acme-" + suffix();
        String person = "cy." + suffix() + "@example.com";
        StandIns.partner(partner, "Acme Outfitters", false, "privacy@" + partner + ".example");
        StandIns.EXPOSURES.put(actor, List.of(
                StandIns.exposure(number(), partner, false, "Cy Doe", person, "en", List.of("status", "events", "destination.province",
                        "expectedDeliveryDate"), List.of("PUBLIC")),
                StandIns.exposure(number(), partner, false, "Cy Doe", person, "en", List.of("status", "events"), List.of("PUBLIC"))));
        Events.add(Events.enumeration(actor, 14));

        UUID id = Await.until("an incident about " + actor, () -> incidentOf(actor), v -> v != null);
        Await.until("the incident closed", () -> status(id), "CLOSED"::equals);
        Await.until("the partner told", () -> Mailbox.to("privacy@" + partner + ".example").size(), n -> n == 1);
        assertEquals(0, Mailbox.to(person).size(), "no notice to people for a status-only view");
        Map<String, Object> row = Db.rows("SELECT decision, close_reason, risk FROM incident WHERE id = ?", id).get(0);
        assertEquals("NO_NOTICE", row.get("decision"));
        assertEquals("NONE", row.get("risk"));
        assertTrue(((String) row.get("close_reason")).contains("public tier"), row.toString());
    }

    @Test
    void aDistributedScrapeIsScopedByPartnerAndItsCustomersAreTold() {
        String partner = "shop-" + suffix();
        String person = "dee." + suffix() + "@example.com";
        StandIns.partner(partner, "Shop", false, "privacy@" + partner + ".example");
        List<String> fields = List.of("status", "signerName", "recipient.name");
        StandIns.EXPOSURES.put("partner:" + partner, List.of(
                StandIns.exposure(number(), partner, false, "Dee", person, "en", fields, List.of("PUBLIC", "RECIPIENT")),
                StandIns.exposure(number(), partner, false, "Eve", "eve." + suffix() + "@example.com", "fr", fields, List.of("RECIPIENT"))));
        Events.add(Events.scraping(partner));

        UUID id = Await.until("an incident about " + partner, () -> (UUID) Db.value("SELECT id FROM incident WHERE partner_id = ?", partner),
                v -> v != null);
        Await.until("the incident notified", () -> status(id), "NOTIFIED"::equals);
        assertEquals("DISTRIBUTED_SCRAPING", Db.value("SELECT kind FROM incident WHERE id = ?", id));
        assertEquals(1, Mailbox.to(person).size());
        assertTrue(StandIns.EXPOSURE_QUERIES.contains("partner:" + partner), "asked by partner, not by actor");
    }

    static UUID incidentOf(String actor) {
        return (UUID) Db.value("SELECT id FROM incident WHERE actor_pseudonym = ?", actor);
    }

    static String status(UUID id) {
        return (String) Db.value("SELECT status FROM incident WHERE id = ?", id);
    }

    static String body(MimeMessage m) throws Exception {
        Object content = m.getContent();
        return content instanceof String s ? s : com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
    }

    static List<String> links(String text) {
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:8080/r/[A-Za-z0-9-]+").matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tracking-number-shaped value, unique per call. */
    static String number() {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 18; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
