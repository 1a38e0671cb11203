package io.trackguard.tracking.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.trackguard.tracking.client.Pseudonyms;
import io.trackguard.tracking.support.BulkShipments;
import io.trackguard.tracking.support.Clients;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * An IPv6 client has a whole /56 or /48 to itself and can look up each handful of numbers
 * from another /64. The /56 and the /48 are counted too, each with its own limits: past them
 * the network is blocked, all its /64s with it, and the event names the network and lists
 * the /64s seen in it, so incident response can ask what each of them saw.
 */
@QuarkusTest
class NetworkBucketsTest {

    @Inject
    BulkShipments bulk;
    @Inject
    AbuseConfig config;
    @Inject
    RedisDataSource redis;
    @Inject
    Pseudonyms pseudonyms;

    @Test
    void a56WhoseSlash64sShareTheWorkIsBlockedAsOneAndNamedWithItsMembers() throws Exception {
        String site = randomSlash48();
        int perClient = config.distinctNumbers() / 4; // far under each /64's own limit
        int limit = config.net56().distinctNumbers();
        Iterator<String> numbers = bulk.delivered("net-" + site.replace(":", ""), "Net Goods", false, limit + 10).iterator();

        List<String> clients = new ArrayList<>();
        int looked = 0;
        int client = 0;
        while (looked < limit) {
            String address = site + ":aa" + String.format("%02x", client++) + "::1"; // the same /56, another /64
            clients.add(address);
            for (int i = 0; i < perClient && looked < limit; i++, looked++) {
                Clients.from(address).get("/api/v1/track/" + numbers.next()).then().statusCode(200);
            }
        }
        String last = clients.get(clients.size() - 1);
        Clients.from(last).get("/api/v1/track/" + numbers.next()).then().statusCode(429);
        // every /64 of that /56 is refused now, one never seen before too; the rest of the /48 is not
        Clients.from(site + ":aaff::9").get("/api/v1/track/" + numbers.next()).then().statusCode(429);
        Clients.from(site + ":ab00::1").get("/api/v1/track/" + numbers.next()).then().statusCode(200);

        String network = pseudonyms.network((Inet6Address) InetAddress.getByName(last), 56);
        List<Map<String, String>> events = events(network);
        assertEquals(1, events.size(), "one event for the network's episode");
        Map<String, String> event = events.get(0);
        assertEquals("ENUMERATION_SUSPECTED", event.get("type"));
        assertEquals(String.valueOf(limit + 1), event.get("distinctNumbers"));
        TreeSet<String> members = new TreeSet<>();
        for (String address : clients) {
            members.add(pseudonyms.address(InetAddress.getByName(address)));
        }
        assertEquals(members, new TreeSet<>(Arrays.asList(event.get("actors").split(","))), "the /64s seen, as audit actors");
        assertTrue(event.get("evidence").contains("/56"), event.get("evidence"));
        for (String address : clients) {
            assertEquals(List.of(), events(pseudonyms.address(InetAddress.getByName(address))), "no /64 crossed its own limit");
        }
    }

    @Test
    void a48WhoseSlash56sShareTheWorkIsBlockedAsOne() throws Exception {
        String site = randomSlash48();
        int limit = config.net48().distinctNumbers();
        int per56 = config.net56().distinctNumbers() / 2;
        int perClient = config.distinctNumbers() / 2;
        Iterator<String> numbers = bulk.delivered("net-" + site.replace(":", ""), "Net Goods", false, limit + 10).iterator();
        int looked = 0;
        String address = null;
        for (int net = 0; looked < limit; net++) {
            for (int c = 0; c * perClient < per56 && looked < limit; c++) {
                address = site + ":" + String.format("%02x%02x", net, c) + "::1";
                for (int i = 0; i < perClient && looked < limit; i++, looked++) {
                    Clients.from(address).get("/api/v1/track/" + numbers.next()).then().statusCode(200);
                }
            }
        }
        Clients.from(address).get("/api/v1/track/" + numbers.next()).then().statusCode(429);
        Clients.from(site + ":ff00::1").get("/api/v1/track/" + numbers.next()).then().statusCode(429);
        String network = pseudonyms.network((Inet6Address) InetAddress.getByName(address), 48);
        List<Map<String, String>> events = events(network);
        assertEquals(1, events.size());
        assertEquals(String.valueOf(limit + 1), events.get(0).get("distinctNumbers"));
        assertTrue(events.get(0).get("actors").split(",").length <= config.networkMembers(), "the list is capped");
    }

    /** A /48 of the documentation range no other test uses, as "2001:db8:xxxx". */
    private static String randomSlash48() {
        return "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    }

    private List<Map<String, String>> events(String actor) {
        return redis.stream(String.class).xrange(config.stream(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(e -> actor.equals(e.get("actor"))).toList();
    }
}
