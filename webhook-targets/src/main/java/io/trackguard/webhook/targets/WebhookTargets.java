package io.trackguard.webhook.targets;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may not point: anything of our own network or the machine's (SSRF). A host
 * that is, or resolves to, a loopback, private, link-local, unique-local, CGNAT, multicast,
 * unspecified, reserved or cloud-metadata address is refused, and so is an
 * IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) whose IPv4 would be.
 * IPv4 written any other way than four decimal numbers (2130706433, 0177.0.0.1, 0x7f.1) is
 * refused outright: resolvers disagree on what it means.
 *
 * <p>partner-gateway asks {@link #refusal} at subscription; notification-service asks
 * {@link #resolve} at each delivery (DNS can change) and connects to the addresses it
 * answers, never resolving the name a second time.
 */
public final class WebhookTargets {

    /** Resolves a host name to all its addresses (the system resolver; a fake one in tests). */
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    private static final Pattern DOTTED_DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    /** Digits, dots, x: what some resolver would read as an IPv4 address in another notation. */
    private static final Pattern NUMERIC_LOOKING = Pattern.compile("(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?");

    private final Resolver resolver;

    public WebhookTargets(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Why the host may not receive webhooks, or empty when it may. {@code allowLoopback} is the
     * explicit allowance of the local stack and tests, for loopback addresses only.
     */
    public Optional<String> refusal(String host, boolean allowLoopback) {
        try {
            return refusalOf(addresses(host), allowLoopback);
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty(); // not resolvable now: delivery checks again when it is
        }
    }

    /** A target that may not receive webhooks now; the message says why (no personal data, no secret). */
    public static final class Refused extends Exception {
        public Refused(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The host's addresses, every one of them checked, for a delivery to connect to; refused
     * when any is forbidden, or when the name does not resolve now (the delivery waits).
     */
    public List<InetAddress> resolve(String host, boolean allowLoopback) throws Refused {
        List<InetAddress> addresses;
        try {
            addresses = addresses(host);
        } catch (UnknownHostException e) {
            throw new Refused("a name that does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new Refused("a name without addresses");
        }
        Optional<String> why = refusalOf(addresses, allowLoopback);
        if (why.isPresent()) {
            throw new Refused(why.get());
        }
        return addresses;
    }

    private Optional<String> refusalOf(List<InetAddress> addresses, boolean allowLoopback) {
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            Optional<String> why = forbidden(a);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private List<InetAddress> addresses(String host) throws Refused, UnknownHostException {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":")) {
            List<InetAddress> addresses = literal(h);
            if (addresses.isEmpty()) {
                throw new Refused("not a valid IPv6 address");
            }
            return addresses;
        }
        if (DOTTED_DECIMAL.matcher(h).matches()) {
            return literal(h);
        }
        if (NUMERIC_LOOKING.matcher(h).matches()) {
            throw new Refused("an IPv4 address must be written as four decimal numbers");
        }
        return resolver.resolve(h);
    }

    private static List<InetAddress> literal(String h) {
        try {
            return List.of(InetAddress.getByName(h)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** Why this one address may not receive webhooks, or empty. */
    public static Optional<String> forbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<Inet4Address> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return forbidden(embedded.get()).map(why -> why + " (inside an IPv6 address)");
            }
            if (isFd00Ec2Metadata(b)) {
                return Optional.of("a cloud metadata address");
            }
            if (v6.isLoopbackAddress() || v6.isAnyLocalAddress()) {
                return Optional.of("a loopback or unspecified address");
            }
            if (v6.isLinkLocalAddress()) {
                return Optional.of("a link-local address");
            }
            if (v6.isSiteLocalAddress()) {
                return Optional.of("a site-local address");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local (private) address");
            }
            if (v6.isMulticastAddress()) {
                return Optional.of("a multicast address");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Optional.of("a documentation address");
            }
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 169 && a1 == 254) {
            return Optional.of(b[2] == (byte) 169 && b[3] == (byte) 254 ? "a cloud metadata address" : "a link-local address");
        }
        if (a0 == 127) {
            return Optional.of("a loopback address");
        }
        if (a0 == 0) {
            return Optional.of("an unspecified address");
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return Optional.of("a private address");
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return Optional.of("a shared (CGNAT) address");
        }
        if (a0 >= 224) {
            return Optional.of(a0 < 240 ? "a multicast address" : "a reserved or broadcast address");
        }
        if ((a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) || (a0 == 198 && (a1 == 18 || a1 == 19))) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= b[i] == 0;
        }
        boolean mapped = zero80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible = zero80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        if (mapped || compatible || nat64) {
            return Optional.of(v4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(v4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static boolean isFd00Ec2Metadata(byte[] b) {
        byte[] metadata = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, metadata);
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
