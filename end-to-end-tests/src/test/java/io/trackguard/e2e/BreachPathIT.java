package io.trackguard.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.trackguard.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole breach path on the real stack: a scraper walks a sensitive partner's tracking numbers
 * from one address until tracking-service blocks it; notification-service reads the security
 * event, opens an incident scoped from the access audit log, assesses it and tells every person
 * affected (in their language, with a single-use link to "who looked at my parcel") and the
 * partner's privacy contact, through real SMTP (MailServer). Then the same with
 * notification-service killed mid-delivery, and with the mail server stopped mid-delivery.
 *
 * <p>Scaled down: 14 shipments, of which the scraper is answered 12 (tracking-service blocks one
 * address at the 13th distinct number), 11 people (one has two parcels). The scraper holds a leaked
 * list with the destination postal codes, and proves being the recipient of the first three: that
 * is what takes the exposure beyond the public tier (a status-only walk notifies the partner, not
 * the people: README, the assessment table).
 */
@ExtendWith(Stack.class)
class BreachPathIT {

    /** tracking-service answers one address this many distinct numbers, and blocks it at the next. */
    static final int ANSWERED = 12;
    static final int VERIFIED = 3;
    static final String POSTAL_CODE = "M5H 1A1";
    static final String PARTNER_CONTACT = "privacy@ocs.example";
    /** Between two looks at what the services did in the background (each look is a request or two). */
    static final Duration POLL = Duration.ofMillis(200);
    static final Pattern LINK = Pattern.compile(Pattern.quote(Stack.TRACKING) + "/r/([A-Za-z0-9_.~-]+)");

    record Person(String email, String language, List<String> numbers) {
    }

    /** The partner's shipments in the order the scraper walks them, and their recipients. */
    record Breach(List<String> numbers, List<Person> exposed, List<Person> unseen) {
        Set<String> exposedNumbers() {
            return new TreeSet<>(numbers.subList(0, ANSWERED));
        }
    }

    @Test
    void aScraperIsBlockedAndEveryoneAffectedIsToldOnceInTheirLanguageWithALinkThatWorksOnce() {
        Breach breach = shipments();
        Instant blockedAt = walk(breach);

        String incident = awaitIncident(breach, blockedAt.plusSeconds(10));
        Instant openedAt = Instant.parse(officer().get(Stack.NOTIFICATION + "/api/v1/incidents/" + incident).path("incident.openedAt"));

        awaitEveryoneTold(breach, incident, openedAt.plus(Duration.ofMinutes(5)));
        Instant lastSent = lastSent(incident);
        System.out.printf("BreachPathIT timing: event -> incident open %d ms (blocked at %s, opened %s); incident -> last notice"
                + " accepted %d ms; %d people%n", Duration.between(blockedAt, openedAt).toMillis(), blockedAt, openedAt,
                Duration.between(openedAt, lastSent).toMillis(), breach.exposed().size());

        String reference = incident.substring(0, 8).toUpperCase(Locale.ROOT);
        for (Person p : breach.exposed()) {
            List<MailServer.Received> mail = MailServer.to(p.email());
            assertEquals(1, mail.size(), "exactly one notice for " + p.email());
            MailServer.Received notice = mail.get(0);
            assertLanguage(p, notice);
            assertTrue(notice.body().contains(reference), "the notice quotes the incident's reference");
            assertTrue(notice.body().contains("Privacy Commissioner") || notice.body().contains("Commissariat"), notice.body());
            List<String> links = links(notice.body());
            // one link per parcel; a person with two parcels gets one notice with two (in each language, the same ones)
            assertEquals(p.numbers().size(), new TreeSet<>(links).size(), "one link per parcel: " + notice.body());
            Set<String> opened = new TreeSet<>();
            for (String token : new TreeSet<>(links)) {
                opened.add(openWhoLooked(token));
            }
            assertEquals(new TreeSet<>(p.numbers()), opened, "each link opens its own parcel");
        }
        for (Person p : breach.unseen()) {
            assertEquals(List.of(), MailServer.to(p.email()), "the scraper never saw " + p.email() + "'s parcel");
        }
        List<MailServer.Received> partner = partnerNotices(reference);
        assertEquals(1, partner.size(), "the partner's privacy contact is told once");
        assertTrue(partner.get(0).subject().contains("affecting " + breach.exposed().size() + " of your customers"), partner.get(0).subject());

        JsonPath report = officer().get(Stack.NOTIFICATION + "/api/v1/incidents/" + incident + "/report").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(breach.exposed().size(), report.getInt("pipeda.individualsAffected"));
        assertEquals(List.of(breach.exposed().size()), report.getList("partners.people"));
        assertEquals(breach.exposed().size(), noticeStatuses(incident, "PERSON").get("SENT"));
    }

    @Test
    void notificationServiceKilledMidDeliveryLosesNoNoticeAndSendsNoneTwice() throws Exception {
        Breach breach = shipments();
        MailServer.holdAfter(3);
        try {
            walk(breach);
            String incident = awaitIncident(breach, Instant.now().plusSeconds(10));
            Await.until("a delivery in flight", Instant.now().plusSeconds(60), POLL, MailServer::holding, Boolean::booleanValue);
            int before = told(breach);
            Stack.killService("notification-service");
            MailServer.release(); // the message in flight is accepted, but its sender is dead: a 250 nobody heard
            assertTrue(before < breach.exposed().size(), "killed mid-delivery: " + before + " told before the crash");
            Stack.restartService("notification-service");

            awaitEveryoneTold(breach, incident, Instant.now().plus(Duration.ofMinutes(5)));
            assertEachToldOnce(breach, incident);
        } finally {
            MailServer.release();
        }
    }

    @Test
    void theMailServerStoppedMidDeliveryGetsEverythingOnceWhenItIsBack() throws Exception {
        Breach breach = shipments();
        MailServer.holdAfter(3);
        try {
            walk(breach);
            String incident = awaitIncident(breach, Instant.now().plusSeconds(10));
            Await.until("a delivery in flight", Instant.now().plusSeconds(60), POLL, MailServer::holding, Boolean::booleanValue);
            MailServer.stop();
            int before = told(breach);
            assertTrue(before < breach.exposed().size(), "stopped mid-delivery: " + before + " told before");
            // notification-service finds the server away, and notices wait for it
            Await.until("notices waiting for the mail server", Instant.now().plusSeconds(60), POLL, () -> noticeLines(incident, "PERSON")
                    .stream().anyMatch(n -> String.valueOf(n.get("lastError")).contains("could not be reached")), Boolean::booleanValue);
            MailServer.start();

            awaitEveryoneTold(breach, incident, Instant.now().plus(Duration.ofMinutes(5)));
            assertEachToldOnce(breach, incident);
            for (Person p : breach.exposed()) {
                assertEquals(1, MailServer.to(p.email()).size(), "nothing accepted twice: " + p.email());
            }
        } finally {
            MailServer.release();
            MailServer.start();
        }
    }

    /**
     * 14 shipments of the sensitive partner ocs, each to its own person except the first two (one
     * person, two parcels); languages en, fr or none in turn. The last two stay beyond the block.
     */
    private static Breach shipments() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] languages = {"en", "fr", null};
        List<String> numbers = new ArrayList<>();
        Map<String, Person> people = new LinkedHashMap<>();
        for (int i = 0; i < ANSWERED + 2; i++) {
            int person = i == 0 ? 0 : i - 1;
            String email = "breach-" + run + "-" + person + "@people.example";
            String language = person == 0 ? "en" : languages[person % 3];
            String number = create(email, language);
            numbers.add(number);
            people.computeIfAbsent(email, e -> new Person(e, language, new ArrayList<>())).numbers().add(number);
        }
        List<Person> exposed = new ArrayList<>();
        List<Person> unseen = new ArrayList<>();
        Set<String> seen = new TreeSet<>(numbers.subList(0, ANSWERED));
        for (Person p : people.values()) {
            (seen.containsAll(p.numbers()) ? exposed : unseen).add(p);
        }
        return new Breach(numbers, exposed, unseen);
    }

    private static String create(String email, String language) {
        Map<String, Object> recipient = new HashMap<>(Map.of("name", "Pat Doe", "email", email));
        if (language != null) {
            recipient.put("language", language);
        }
        Map<String, Object> body = Map.of(
                "orderReference", "BREACH-" + UUID.randomUUID(),
                "recipient", recipient,
                "destination", Map.of("line1", "1 King St W", "city", "Toronto", "province", "ON", "postalCode", POSTAL_CODE),
                "productCategory", "cannabis",
                "expectedDeliveryDate", LocalDate.now().plusDays(3).toString());
        return given().auth().oauth2(Tokens.ocs()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post(Stack.GATEWAY + "/api/v1/shipments")
                .then().statusCode(201).extract().path("trackingNumber");
    }

    /**
     * One address walks the numbers until it is blocked, proving being the recipient of the first
     * few with the postal codes of a leaked list. Answers when it was blocked.
     */
    private static Instant walk(Breach breach) {
        String address = Clients.freshAddress();
        int answered = 0;
        for (String number : breach.numbers()) {
            Response r = given().header("X-Forwarded-For", address).get(Stack.TRACKING + "/api/v1/track/" + number);
            if (r.statusCode() != 200) {
                assertEquals(429, r.statusCode(), r.asString());
                assertEquals(ANSWERED, answered, "answered before the block");
                return Instant.now();
            }
            answered++;
            if (answered <= VERIFIED) {
                String session = given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                        .body(Map.of("postalCode", POSTAL_CODE)).post(Stack.TRACKING + "/api/v1/track/" + number + "/verify")
                        .then().statusCode(200).extract().path("session");
                given().header("X-Forwarded-For", address).header("Recipient-Session", session)
                        .get(Stack.TRACKING + "/api/v1/track/" + number + "/details").then().statusCode(200);
            }
        }
        return fail("the scraper was never blocked (" + answered + " answered)");
    }

    /** The incident whose scope is exactly the numbers the scraper was answered, open by the deadline. */
    private static String awaitIncident(Breach breach, Instant deadline) {
        String[] found = new String[1];
        Await.until("an incident scoped to the " + ANSWERED + " shipments walked", deadline, POLL, () -> {
            List<Map<String, Object>> items = officer().get(Stack.NOTIFICATION + "/api/v1/incidents?kind=ENUMERATION&size=20")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> i : items) {
                if (((Number) i.get("shipmentsExposed")).intValue() == 0 || "CLOSED".equals(i.get("status"))) {
                    continue;
                }
                String id = (String) i.get("id");
                List<String> numbers = officer().get(Stack.NOTIFICATION + "/api/v1/incidents/" + id + "/exposures?limit=500")
                        .then().statusCode(200).extract().jsonPath().getList("items.trackingNumber");
                if (numbers.stream().anyMatch(breach.numbers()::contains)) {
                    assertEquals(breach.exposedNumbers(), new TreeSet<>(numbers), "the incident's scope is what the scraper saw");
                    assertEquals(breach.exposed().size(), ((Number) i.get("peopleAffected")).intValue(), "people, one per email");
                    found[0] = id;
                    return true;
                }
            }
            return false;
        }, Boolean::booleanValue);
        JsonPath detail = officer().get(Stack.NOTIFICATION + "/api/v1/incidents/" + found[0]).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("ocs"), detail.getList("partners.partnerId"));
        assertEquals(List.of(true), detail.getList("partners.sensitive"));
        return found[0];
    }

    /** Until every person in scope has a notice and the outbox has sent every one of the incident's notices. */
    private static void awaitEveryoneTold(Breach breach, String incident, Instant deadline) {
        String reference = incident.substring(0, 8).toUpperCase(Locale.ROOT);
        Await.until("every person and the partner told", deadline, POLL, () -> {
            Map<String, Integer> people = noticeStatuses(incident, "PERSON");
            Map<String, Integer> partner = noticeStatuses(incident, "PARTNER");
            // a notice that bounced, died or is held for an officer will not be sent: no use waiting for it
            for (String given : List.of("BOUNCED", "DEAD", "HELD", "CANCELLED")) {
                assertEquals(0, people.getOrDefault(given, 0) + partner.getOrDefault(given, 0), given + " notices: " + people + partner);
            }
            return told(breach) == breach.exposed().size() && !partnerNotices(reference).isEmpty()
                    && people.getOrDefault("SENT", 0) == breach.exposed().size() && partner.getOrDefault("SENT", 0) == 1;
        }, Boolean::booleanValue);
    }

    /** After a crash or an outage: each person (and the partner) has one notice, however many copies of it the server took. */
    private static void assertEachToldOnce(Breach breach, String incident) {
        int copies = 0;
        Set<String> ids = new TreeSet<>();
        for (Person p : breach.exposed()) {
            List<MailServer.Received> mail = MailServer.to(p.email());
            Set<String> distinct = mail.stream().map(MailServer.Received::messageId).collect(Collectors.toSet());
            assertEquals(1, distinct.size(), p.email() + " got " + distinct.size() + " different notices");
            assertLanguage(p, mail.get(0));
            ids.addAll(distinct);
            copies += mail.size();
        }
        assertEquals(breach.exposed().size(), ids.size(), "one notice per person, each its own");
        Set<String> partner = partnerNotices(incident.substring(0, 8).toUpperCase(Locale.ROOT)).stream()
                .map(MailServer.Received::messageId).collect(Collectors.toSet());
        assertEquals(1, partner.size(), "the partner is told once");
        Map<String, Integer> statuses = noticeStatuses(incident, "PERSON");
        assertEquals(Map.of("SENT", breach.exposed().size()), statuses, "every notice sent, none dead or waiting");
        System.out.printf("BreachPathIT: %d people told, %d copies accepted by the mail server (copies of one notice share its Message-ID)%n",
                ids.size(), copies);
    }

    private static void assertLanguage(Person p, MailServer.Received notice) {
        boolean en = notice.body().contains("WHAT HAPPENED");
        boolean fr = notice.body().contains("CE QUI S'EST PASSÉ");
        if (p.language() == null) {
            assertTrue(en && fr, "English and French for " + p.email() + ": " + notice.subject());
        } else {
            assertEquals("en".equals(p.language()), en, p.email() + " reads " + p.language() + ": " + notice.subject());
            assertEquals("fr".equals(p.language()), fr, p.email() + " reads " + p.language() + ": " + notice.subject());
        }
    }

    private static List<String> links(String body) {
        List<String> tokens = new ArrayList<>();
        Matcher m = LINK.matcher(body);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    /** Spends a notice's link as the recipient, reads who looked at the parcel, and checks the link works only once. */
    private static String openWhoLooked(String token) {
        JsonPath redeemed = Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post(Stack.TRACKING + "/api/v1/recipient-links/redeem").then().statusCode(200).extract().jsonPath();
        String number = redeemed.getString("trackingNumber");
        List<String> seenBy = Clients.fresh().header("Recipient-Session", redeemed.getString("session"))
                .get(Stack.TRACKING + "/api/v1/track/" + number + "/accesses").then().statusCode(200)
                .extract().jsonPath().getList("accesses.what");
        assertTrue(seenBy.contains("viewed-status"), "who looked shows the scraper's lookup: " + seenBy);
        Clients.fresh().contentType(ContentType.JSON).body(Map.of("token", token))
                .post(Stack.TRACKING + "/api/v1/recipient-links/redeem").then().statusCode(403);
        return number;
    }

    private static int told(Breach breach) {
        return (int) breach.exposed().stream().filter(p -> !MailServer.to(p.email()).isEmpty()).count();
    }

    private static List<MailServer.Received> partnerNotices(String reference) {
        return MailServer.to(PARTNER_CONTACT).stream().filter(m -> m.body() != null && m.body().contains("Reference: " + reference)).toList();
    }

    private static List<Map<String, Object>> noticeLines(String incident, String channel) {
        return officer().get(Stack.NOTIFICATION + "/api/v1/incidents/" + incident + "/notices?limit=500&channel=" + channel)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static Map<String, Integer> noticeStatuses(String incident, String channel) {
        return noticeLines(incident, channel).stream().collect(Collectors.groupingBy(n -> (String) n.get("status"),
                Collectors.summingInt(n -> 1)));
    }

    private static Instant lastSent(String incident) {
        return noticeLines(incident, "PERSON").stream().map(n -> Instant.parse((String) n.get("sentAt"))).max(Instant::compareTo)
                .orElseThrow();
    }

    private static RequestSpecification officer() {
        return given().auth().oauth2(Officer.token());
    }
}
