package io.trackguard.tracking.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.trackguard.tracking.config.TestConfigs;
import io.trackguard.tracking.config.TrackingConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(TestConfigs.trackingConfig(List.of("10.0.0.0/8", "fd00::/8")));

    static String ip(InetAddress a) {
        return a.getHostAddress();
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerChangesNothing() {
        assertEquals("203.0.113.9", ip(resolver.resolve("203.0.113.9", List.of("1.2.3.4"), List.of("for=5.6.7.8"))));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        // the client sent "1.2.3.4" itself; the proxy appended the real peer 198.51.100.7
        assertEquals("198.51.100.7", ip(resolver.resolve("10.1.2.3", List.of("1.2.3.4, 198.51.100.7"), null)));
        // two proxies in a row
        assertEquals("198.51.100.7", ip(resolver.resolve("10.1.2.3", List.of("1.2.3.4, 198.51.100.7, 10.9.9.9"), null)));
    }

    private final ClientAddressResolver behindForwarded = new ClientAddressResolver(
            TestConfigs.trackingConfig(List.of("10.0.0.0/8", "fd00::/8"), TrackingConfig.ForwardedHeader.FORWARDED));

    @Test
    void aProxyThatWritesForwardedIsReadThroughForwarded() {
        assertEquals("2001:db8:0:0:0:0:0:1",
                ip(behindForwarded.resolve("10.1.2.3", null, List.of("for=1.2.3.4, for=\"[2001:db8::1]:4711\";proto=https"))));
    }

    @Test
    void onlyTheHeaderTheProxyWritesIsRead() {
        // behind a Forwarded proxy, an X-Forwarded-For is the client's own and passes through untouched
        assertEquals("198.51.100.7", ip(behindForwarded.resolve("10.1.2.3", List.of("203.0.113.66"), List.of("for=198.51.100.7"))));
        assertEquals("10.1.2.3", ip(behindForwarded.resolve("10.1.2.3", List.of("203.0.113.66"), null)));
        // and the reverse
        assertEquals("198.51.100.7", ip(resolver.resolve("10.1.2.3", List.of("198.51.100.7"), List.of("for=203.0.113.66"))));
        assertEquals("10.1.2.3", ip(resolver.resolve("10.1.2.3", null, List.of("for=203.0.113.66"))));
    }

    @Test
    void garbageOrNoHeadersFallBackToTheLastTrustedHop() {
        assertEquals("10.1.2.3", ip(resolver.resolve("10.1.2.3", List.of("evil.example.com"), null)));
        assertEquals("10.1.2.3", ip(resolver.resolve("10.1.2.3", null, null)));
        assertEquals("10.1.2.3", ip(resolver.resolve("10.1.2.3", List.of("unknown"), null)));
    }

    @Test
    void withNoTrustedProxiesNothingIsBelieved() {
        ClientAddressResolver none = new ClientAddressResolver(TestConfigs.trackingConfig(List.of()));
        assertEquals("127.0.0.1", ip(none.resolve("127.0.0.1", List.of("1.2.3.4"), null)));
    }

    @Test
    void ipv6ClientsAreGroupedByTheirSlash64() throws Exception {
        Pseudonyms p = new Pseudonyms(TestConfigs.trackingConfig(List.of()));
        String a = p.address(InetAddress.getByName("2001:db8:1:2::1"));
        String b = p.address(InetAddress.getByName("2001:db8:1:2:ffff::9"));
        String c = p.address(InetAddress.getByName("2001:db8:1:3::1"));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(p.address(InetAddress.getByName("192.0.2.1")), p.address(InetAddress.getByName("192.0.2.2")));
        assertEquals(19, a.length());
    }
}
