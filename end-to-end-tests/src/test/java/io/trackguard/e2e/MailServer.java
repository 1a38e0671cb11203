package io.trackguard.e2e;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The suite's SMTP server: GreenMail inside the test JVM, on the port the stack points
 * notification-service's mailer at. It keeps every message it accepted across its own stops
 * and starts, and can hold deliveries part-way, so a test can crash notification-service or stop
 * the server while mail is being sent. GreenMail delivers one message at a time (its SMTP manager
 * is synchronized), so a held delivery keeps every other sender waiting for its 250 too.
 */
public final class MailServer {

    public static final int PORT = Integer.getInteger("e2e.smtp.port", 18025);

    /** One message as accepted: to whom, its Message-ID, subject and text body. */
    public record Received(String to, String messageId, String subject, String body) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static GreenMail server;
    /** Messages still let through before deliveries are held; negative: never hold. */
    private static int letThrough = -1;
    private static boolean holding;
    private static boolean refusing;
    private static int inside;

    private MailServer() {
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        refusing = false;
        GreenMail g = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        MessageDeliveryHandler store = g.getUserManager().getMessageDeliveryHandler();
        g.getUserManager().setMessageDeliveryHandler((message, address) -> {
            admit();
            try {
                record(message.getMessage(), address);
                return store.handle(message, address);
            } finally {
                leave();
            }
        });
        server = g;
    }

    /**
     * Stops the server as a mail server goes down: deliveries held now are answered 451 (not
     * accepted), then the port closes; what was accepted before stays in {@link #received()}.
     */
    public static void stop() throws InterruptedException {
        GreenMail g;
        synchronized (MailServer.class) {
            refusing = true;
            letThrough = -1;
            holding = false;
            MailServer.class.notifyAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inside > 0 && System.nanoTime() < deadline) {
                MailServer.class.wait(100);
            }
            g = server;
            server = null;
        }
        if (g != null) {
            g.stop();
        }
    }

    public static synchronized boolean running() {
        return server != null;
    }

    /** From now on, let {@code count} more messages through, then hold every delivery until {@link #release()}. */
    public static synchronized void holdAfter(int count) {
        letThrough = count;
        holding = false;
    }

    /** A delivery is being held: a sender waits for the server's answer to a message it has sent whole. */
    public static synchronized boolean holding() {
        return holding;
    }

    /** Lets held deliveries complete (they are accepted), and holds nothing more. */
    public static synchronized void release() {
        letThrough = -1;
        holding = false;
        MailServer.class.notifyAll();
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    /** The messages accepted for one address. */
    public static List<Received> to(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return RECEIVED.stream().filter(r -> r.to().equals(a)).toList();
    }

    private static synchronized void admit() throws MessagingException {
        while (letThrough == 0 && !refusing) {
            holding = true;
            try {
                MailServer.class.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted");
            }
        }
        if (refusing) {
            // GreenMail answers 451: the sender must try again later
            throw new MessagingException("the test stopped the mail server");
        }
        if (letThrough > 0) {
            letThrough--;
        }
        inside++;
    }

    private static synchronized void leave() {
        inside--;
        MailServer.class.notifyAll();
    }

    private static void record(MimeMessage m, MailAddress to) throws MessagingException {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            MimeMessage copy = new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray()));
            RECEIVED.add(new Received(to.getEmail().toLowerCase(Locale.ROOT), copy.getMessageID(), copy.getSubject(), text(copy)));
        } catch (IOException e) {
            throw new MessagingException("could not read the message", e);
        }
    }

    /** The text part: notices are plain text, a partner's with the report attached. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String t = text(mp.getBodyPart(i));
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
