package io.trackguard.tracking.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trackguard.tracking.client.Actor;
import io.trackguard.tracking.client.ActorKind;
import io.trackguard.tracking.client.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An access record through a stream entry's fields and back: nothing changed, the time at the microsecond. */
class StreamedRecordsTest {

    @Test
    void theTimeIsADecimalOfSecondsWithSixDigitsOfMicroseconds() {
        assertEquals("1700000000.000001", StreamedRecords.at(Instant.ofEpochSecond(1_700_000_000L, 1_999)));
        assertEquals("1700000000.120000", StreamedRecords.at(Instant.ofEpochSecond(1_700_000_000L, 120_000_000)));
        assertEquals("1700000000.999999", StreamedRecords.at(Instant.ofEpochSecond(1_700_000_000L, 999_999_999)));
        assertEquals("0.000000", StreamedRecords.at(Instant.EPOCH));
    }

    @Test
    void aRecordComesBackAsItWentInCutToTheMicrosecond() {
        AccessRecord in = new AccessRecord(Instant.ofEpochSecond(1_700_000_000L, 7_654_321), new Actor(ActorKind.PUBLIC, "anon:abc"),
                UUID.randomUUID(), "acme", "hash", Tier.PUBLIC, List.of("trackingNumber", "status", "events"), Outcome.DISCLOSED,
                "req-1", null);
        Map<String, String> entry = StreamedRecords.encode(in);
        AccessRecord out = StreamedRecords.decode(entry);
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 7_654_000), out.occurredAt());
        assertEquals(new AccessRecord(out.occurredAt(), in.actor(), in.shipmentId(), in.partnerId(), in.numberHash(), in.tier(), in.fields(),
                in.outcome(), in.requestId(), in.reason()), out);
    }
}
