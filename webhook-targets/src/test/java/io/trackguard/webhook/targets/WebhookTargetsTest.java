package io.trackguard.webhook.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SSRF, at subscription ({@code refusal}) and at delivery ({@code resolve}): every way of
 * writing an address of our own network, refused by both; public ones kept.
 */
class WebhookTargetsTest {

    /** Names as a resolver would answer them (no DNS in tests). */
    static final Map<String, String> DNS = Map.of(
            "hooks.acme.example", "93.184.216.34",
            "internal.acme.example", "10.1.2.3",
            "sneaky.acme.example", "169.254.169.254",
            "v6.acme.example", "2606:2800:220:1:248:1893:25c8:1946",
            "v6-private.acme.example", "fd12:3456::1");

    static final WebhookTargets TARGETS = new WebhookTargets(host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    });

    @Test
    void everyFormOfAForbiddenAddressIsRefused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("127.0.0.1", "loopback");
        refused.put("127.1.2.3", "loopback");
        refused.put("localhost", "loopback"); // the system resolver, below
        refused.put("2130706433", "four decimal numbers"); // 127.0.0.1 as one number
        refused.put("0177.0.0.1", "four decimal numbers"); // octal
        refused.put("0x7f.0.0.1", "four decimal numbers"); // hex
        refused.put("0x7f000001", "four decimal numbers");
        refused.put("127.1", "four decimal numbers"); // short form
        refused.put("017700000001", "four decimal numbers");
        refused.put("10.0.0.5", "private");
        refused.put("172.16.0.1", "private");
        refused.put("172.31.255.254", "private");
        refused.put("192.168.1.1", "private");
        refused.put("100.64.0.1", "CGNAT");
        refused.put("100.127.255.254", "CGNAT");
        refused.put("169.254.169.254", "metadata");
        refused.put("169.254.10.10", "link-local");
        refused.put("0.0.0.0", "unspecified");
        refused.put("224.0.0.1", "multicast");
        refused.put("239.255.255.250", "multicast");
        refused.put("255.255.255.255", "broadcast");
        refused.put("[::1]", "loopback");
        refused.put("[::]", "unspecified");
        refused.put("[fe80::1]", "link-local");
        refused.put("[fc00::1]", "unique-local");
        refused.put("[fd12:3456:789a::1]", "unique-local");
        refused.put("[fd00:ec2::254]", "metadata");
        refused.put("[ff02::1]", "multicast");
        refused.put("[::ffff:127.0.0.1]", "loopback"); // IPv4-mapped
        refused.put("[::ffff:7f00:1]", "loopback"); // the same, in hex
        refused.put("[::ffff:169.254.169.254]", "metadata");
        refused.put("[::ffff:10.0.0.1]", "private");
        refused.put("[::127.0.0.1]", "loopback"); // IPv4-compatible
        refused.put("[64:ff9b::a9fe:a9fe]", "metadata"); // NAT64 of 169.254.169.254
        refused.put("[2002:7f00:1::]", "loopback"); // 6to4 of 127.0.0.1
        refused.put("[fec0::1]", "site-local");
        refused.put("internal.acme.example", "private"); // a name that resolves to one
        refused.put("sneaky.acme.example", "metadata");
        refused.put("v6-private.acme.example", "unique-local");
        refused.put("[not:an:address]", "IPv6");
        refused.forEach((host, why) -> {
            WebhookTargets targets = host.equals("localhost") ? new WebhookTargets(WebhookTargets.SYSTEM) : TARGETS;
            Optional<String> refusal = targets.refusal(host, false);
            assertTrue(refusal.isPresent(), host + " must be refused");
            assertTrue(refusal.get().contains(why), host + ": " + refusal.get());
            WebhookTargets.Refused atDelivery = assertThrows(WebhookTargets.Refused.class, () -> targets.resolve(host, false), host);
            assertTrue(atDelivery.getMessage().contains(why), host + " at delivery: " + atDelivery.getMessage());
        });
    }

    @Test
    void publicAddressesAndNamesAreKept() {
        for (String host : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "hooks.acme.example", "v6.acme.example",
                "[2606:2800:220:1:248:1893:25c8:1946]", "[::ffff:93.184.216.34]", "not-resolvable-yet.acme.example", "hooks.acme.example.")) {
            assertEquals(Optional.empty(), TARGETS.refusal(host, false), host);
        }
    }

    @Test
    void aDeliveryConnectsToTheCheckedAddressesAndWaitsForANameThatDoesNotResolve() throws Exception {
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), TARGETS.resolve("hooks.acme.example", false));
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), TARGETS.resolve("93.184.216.34", false));
        // a name with one public and one private address is refused whole: a client could pick either
        WebhookTargets twoFaced = new WebhookTargets(host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.7")));
        assertTrue(assertThrows(WebhookTargets.Refused.class, () -> twoFaced.resolve("mixed.acme.example", false)).getMessage().contains("private"));
        assertTrue(twoFaced.refusal("mixed.acme.example", false).isPresent());
        // at subscription an unresolvable name may wait; at delivery there is nothing to connect to
        assertThrows(WebhookTargets.Refused.class, () -> TARGETS.resolve("not-resolvable-yet.acme.example", false));
    }

    @Test
    void theLoopbackAllowanceOfTheLocalStackCoversLoopbackOnly() {
        assertEquals(Optional.empty(), TARGETS.refusal("127.0.0.1", true));
        assertEquals(Optional.empty(), TARGETS.refusal("[::1]", true));
        assertTrue(TARGETS.refusal("10.0.0.5", true).isPresent());
        assertTrue(TARGETS.refusal("169.254.169.254", true).isPresent());
        assertTrue(TARGETS.refusal("2130706433", true).isPresent());
    }
}
