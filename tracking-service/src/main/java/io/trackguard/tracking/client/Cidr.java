package io.trackguard.tracking.client;

import java.net.InetAddress;

/** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = ClientAddressResolver.literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("not an address range: " + text));
        byte[] bytes = address.getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (candidate[full] & mask) == (network[full] & mask);
    }
}
