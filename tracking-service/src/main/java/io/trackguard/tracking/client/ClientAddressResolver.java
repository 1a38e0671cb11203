package io.trackguard.tracking.client;

import io.trackguard.tracking.config.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is really calling. The socket's peer, unless the peer is a configured trusted proxy:
 * then the forwarding header that proxy writes (one, by configuration) is read from the right
 * (the hop the proxy itself added) to the left, and the first address that is not a trusted
 * proxy is the client. Entries to the left of that are whatever the client claimed, and are
 * ignored: a spoofed {@code X-Forwarded-For} from anyone changes nothing. The other header
 * is never read: a proxy that writes {@code Forwarded} passes a client's own
 * {@code X-Forwarded-For} through untouched, and the reverse.
 *
 * <p>Written here rather than taken from Quarkus' proxy support, which believes the
 * left-most (client-supplied) entry.
 */
@ApplicationScoped
public class ClientAddressResolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trustedProxies;
    private final TrackingConfig.ForwardedHeader header;

    public ClientAddressResolver(TrackingConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of()).stream().map(Cidr::parse).toList();
        this.header = config.forwardedHeader();
    }

    public InetAddress resolve(String peer, List<String> xForwardedFor, List<String> forwarded) {
        InetAddress current = literal(peer).orElseThrow(() -> new IllegalArgumentException("peer is not an IP literal"));
        if (!trusted(current)) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        if (header == TrackingConfig.ForwardedHeader.X_FORWARDED_FOR && xForwardedFor != null) {
            xForwardedFor.forEach(h -> hops.addAll(List.of(h.split(","))));
        } else if (header == TrackingConfig.ForwardedHeader.FORWARDED && forwarded != null) {
            forwarded.forEach(h -> hops.addAll(forwardedFor(h)));
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // a trusted proxy passed on something that is not an address: believe no further
                return current;
            }
            current = hop.get();
            if (!trusted(current)) {
                return current;
            }
        }
        return current;
    }

    boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    /** The {@code for=} parameters of an RFC 7239 Forwarded header, in order. */
    private static List<String> forwardedFor(String header) {
        List<String> result = new ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("for")) {
                    result.add(kv[1].trim());
                }
            }
        }
        return result;
    }

    /** Parses an address literal (never a host name: no DNS), dropping quotes, brackets and ports. */
    static Optional<InetAddress> literal(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim().replace("\"", "");
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        boolean ipv4 = IPV4.matcher(s).matches();
        boolean ipv6 = !ipv4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
