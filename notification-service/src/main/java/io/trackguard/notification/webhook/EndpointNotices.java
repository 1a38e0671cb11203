package io.trackguard.notification.webhook;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.trackguard.notification.config.NotifyConfig;
import io.trackguard.notification.partner.PartnerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Tells a partner's privacy contact (the address notification-service already mails for
 * incidents) that one of its webhook endpoints was disabled after failing too long. Sent
 * once, when the endpoint is disabled; if the mail cannot go, the log says so and the
 * disabled state stays visible in the partner's delivery log.
 */
@ApplicationScoped
public class EndpointNotices {

    private static final Logger LOG = Logger.getLogger(EndpointNotices.class);

    private final PartnerDirectory partners;
    private final ReactiveMailer mailer;
    private final NotifyConfig config;

    public EndpointNotices(PartnerDirectory partners, ReactiveMailer mailer, NotifyConfig config) {
        this.partners = partners;
        this.mailer = mailer;
        this.config = config;
    }

    public void disabled(String partnerId, java.util.UUID subscriptionId, String url, Instant failingSince) {
        try {
            String to = partners.find(partnerId).map(PartnerDirectory.PartnerInfo::privacyContact).orElse(null);
            if (to == null || to.isBlank()) {
                LOG.warnf("partner %s has no contact to tell that a webhook endpoint was disabled", partnerId);
                return;
            }
            String text = """
                    Trackguard stopped delivering webhooks to %s (subscription %s): every delivery since %s failed.
                    Fix the endpoint, then enable it again (POST /api/v1/webhooks/%s/enable); \
                    GET /api/v1/webhooks/%s/deliveries shows each attempt and its answer.
                    """.formatted(url, subscriptionId, failingSince, subscriptionId, subscriptionId);
            mailer.send(Mail.withText(to, "Trackguard: a webhook endpoint was disabled", text).setFrom(config.delivery().from()))
                    .await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warnf("partner %s could not be told that a webhook endpoint was disabled: %s", partnerId, e.getClass().getSimpleName());
        }
    }
}
