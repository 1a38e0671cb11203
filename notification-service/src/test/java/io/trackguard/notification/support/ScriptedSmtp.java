package io.trackguard.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small SMTP server whose answers a test chooses by address, for what GreenMail does not do:
 * RCPT TO an address starting with "bounce" is refused for good (550), one starting with "busy"
 * for now (451); anything else is accepted and recorded.
 */
public class ScriptedSmtp implements QuarkusTestResourceLifecycleManager {

    /** Every RCPT TO received, in order, with what was answered. */
    public static final List<String> RCPTS = new CopyOnWriteArrayList<>();
    /** The recipients of every message accepted. */
    public static final List<String> ACCEPTED = new CopyOnWriteArrayList<>();

    private ServerSocket server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads = Executors.newCachedThreadPool();
        threads.submit(this::accept);
        // A fresh connection per message: with pooled connections a send after a refused RCPT hung now
        // and then (past the send timeout) on this machine, so the test read a timeout instead of the 451.
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(server.getLocalPort()),
                "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.keep-alive", "false");
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.submit(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (upper.startsWith("MAIL FROM")) {
                    to.clear();
                    reply(out, "250 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    String answer = address.startsWith("bounce") ? "550 5.1.1 <" + address + ">: no such mailbox"
                            : address.startsWith("busy") ? "451 4.3.2 try again later" : "250 OK";
                    RCPTS.add(address + " " + answer.substring(0, 3));
                    if (answer.startsWith("250")) {
                        to.add(address);
                    }
                    reply(out, answer);
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 go on");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not kept
                    }
                    ACCEPTED.addAll(to);
                    reply(out, "250 OK queued");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
