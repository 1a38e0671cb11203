package io.trackguard.testsupport;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for the servers of a test's own. */
final class Ports {

    private Ports() {
    }

    /** A port nothing listens on now (the system's choice of a free one). */
    static int free() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
