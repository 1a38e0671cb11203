package io.trackguard.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GreenMail, a real SMTP server inside the test JVM, on a free port that the mailer is pointed
 * at. Tests can stop it (the mail server is down) and start it again on the same port.
 */
public class Mailbox implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static volatile GreenMail mail;

    @Override
    public Map<String, String> start() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        up();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        down();
    }

    public static synchronized void up() {
        if (mail == null) {
            mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
        }
    }

    public static synchronized void down() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    /** Every message received so far, to anyone. */
    public static List<MimeMessage> all() {
        GreenMail m = mail;
        return m == null ? List.of() : Arrays.asList(m.getReceivedMessages());
    }

    /** The messages received for one address. */
    public static List<MimeMessage> to(String address) {
        return all().stream().filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
