package io.trackguard.notification.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trackguard.notification.casefile.Incident;
import io.trackguard.notification.casefile.IncidentKind;
import io.trackguard.notification.config.NotifyConfig;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules, one case each, with the configuration's defaults written out. */
class AssessorTest {

    static final NotifyConfig.Assessment DEFAULTS = new NotifyConfig.Assessment() {
        @Override
        public List<String> publicFields() {
            return List.of("trackingNumber", "status", "destination.province", "expectedDeliveryDate", "deliveredOn", "events", "sender");
        }

        @Override
        public List<String> sensitiveFields() {
            return List.of("signerName", "productCategory", "destination.line1", "destination.line2", "destination.postalCode", "deliveredAt");
        }

        @Override
        public int probableMisuseShipments() {
            return 10;
        }

        @Override
        public boolean autoNotify() {
            return true;
        }
    };
    static final Assessor RULES = new Assessor(DEFAULTS);
    static final Instant BLOCKED = Instant.parse("2026-11-28T10:40:00Z");

    static ScopeFacts facts(int shipments, Set<String> tiers, Set<String> fields, Set<String> sensitive, Instant blocked) {
        return new ScopeFacts(IncidentKind.ENUMERATION, false, true, shipments, shipments, tiers, fields, Set.of("acme", "ocs"), sensitive,
                blocked, shipments + 1);
    }

    @Test
    void aScrapeOfASensitivePartnersSignerNamesNotifiesAtOnce() {
        Assessment a = RULES.assess(facts(4500, Set.of("PUBLIC", "RECIPIENT"), Set.of("status", "signerName", "recipient.name"),
                Set.of("ocs"), BLOCKED));
        assertEquals(Incident.Decision.NOTIFY, a.decision());
        assertEquals("auto-notify", a.rule());
        assertEquals("HIGH", a.sensitivity());
        assertEquals("HIGH", a.probability());
        assertTrue(a.reasons().stream().anyMatch(r -> r.contains("Sensitive partner(s) ocs")), a.reasons().toString());
        assertTrue(a.reasons().stream().anyMatch(r -> r.contains("signerName")), a.reasons().toString());
    }

    @Test
    void onlyPublicFieldsAtThePublicTierCloseWithoutNoticesToPeople() {
        Assessment a = RULES.assess(facts(30, Set.of("PUBLIC"), Set.of("status", "events", "destination.province"), Set.of("ocs"), BLOCKED));
        assertEquals(Incident.Decision.NO_NOTICE, a.decision());
        assertEquals("public-tier-only", a.rule());
        assertEquals("NONE", a.risk());
        assertTrue(a.closesWithoutNotices());
    }

    @Test
    void aFewMaskedViewsFromABlockedActorWaitForAnOfficer() {
        Assessment a = RULES.assess(facts(2, Set.of("RECIPIENT"), Set.of("status", "recipient.name", "destination.city"), Set.of(), BLOCKED));
        assertEquals(Incident.Decision.PENDING, a.decision());
        assertEquals("MEDIUM", a.sensitivity());
        assertEquals("MEDIUM", a.probability());
    }

    @Test
    void anActorThatWasNeverBlockedMakesMisuseProbable() {
        Assessment a = RULES.assess(facts(2, Set.of("RECIPIENT"), Set.of("status", "signerName"), Set.of(), null));
        assertEquals("HIGH", a.probability());
        assertEquals(Incident.Decision.NOTIFY, a.decision());
    }

    @Test
    void nothingDisclosedClosesAndAnUnreadableScopeWaitsForAnOfficer() {
        assertEquals(Incident.Decision.NO_NOTICE, RULES.assess(facts(0, Set.of(), Set.of(), Set.of(), BLOCKED)).decision());
        ScopeFacts unreadable = new ScopeFacts(IncidentKind.ENUMERATION, false, false, 0, 0, Set.of(), Set.of(), Set.of(), Set.of(), null, 0);
        Assessment a = RULES.assess(unreadable);
        assertEquals(Incident.Decision.PENDING, a.decision());
        assertEquals("scope-unreadable", a.rule());
    }

    @Test
    void aManualIncidentIsNeverNotifiedByARule() {
        ScopeFacts manual = new ScopeFacts(IncidentKind.UNAUTHORISED_ACCESS, true, true, 50, 50, Set.of("STAFF"), Set.of("productCategory"),
                Set.of("acme"), Set.of(), null, 0);
        assertEquals(Incident.Decision.PENDING, RULES.assess(manual).decision());
    }
}
