package io.trackguard.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything an operator tunes in notification-service (environment: TRACKGUARD_NOTIFY_*).
 * Keys without a default must be set: production refuses to start without them, and the
 * demo values live only in the dev/test profiles and the local stack.
 */
@ConfigMapping(prefix = "trackguard.notify")
public interface NotifyConfig {

    /** Reading security events from the Redis Stream. */
    Events events();

    /** Scoping incidents from tracking-service's access audit log. */
    Scope scope();

    /** The risk assessment's rules (PIPEDA "real risk of significant harm", GDPR Art. 33/34). */
    Assessment assessment();

    /** The 72-hour clock of GDPR Art. 33 and its escalation. */
    Clock clock();

    /** Delivery of notices from the outbox. */
    Delivery delivery();

    /** Who Trackguard is in notices and reports, and how to reach its privacy office. */
    Organisation organisation();

    /** How long records are kept, and how often the retention job runs. */
    Retention retention();

    /** The officers' API limit, per officer. */
    OfficerApi officerApi();

    interface OfficerApi {
        /** Requests per second one officer may make. */
        @WithDefault("20")
        int rate();

        /** Requests one officer may make at once. */
        @WithDefault("100")
        int burst();
    }

    interface Events {
        /** The stream tracking-service writes security events to. */
        @WithDefault("trackguard:security-events")
        String stream();

        /** The consumer group all replicas share. */
        @WithDefault("notification-service")
        String group();

        /** This replica's consumer name; default: the host name and a random suffix (a new name per start). */
        Optional<String> consumerName();

        /** How often the stream is read (each read drains what is waiting); the scheduler's least is 1 s. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Entries read per call. */
        @WithDefault("100")
        int batchSize();

        /** An entry pending this long with another consumer (a crashed replica) is claimed by this one. */
        @WithDefault("30s")
        Duration claimIdle();
    }

    interface Scope {
        /** How often incidents waiting for their scope are looked for. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Exposures asked per page (tracking-service allows up to 500). */
        @WithDefault("500")
        int pageSize();

        /**
         * How long after the end of an incident's window its scope is first read: each
         * tracking-service replica writes its access records in batches (every second), so what
         * was disclosed just before the event reaches the audit log a moment after it.
         */
        @WithDefault("3s")
        Duration settle();

        /** Added before and after an incident's window when asking what was disclosed. */
        @WithDefault("10m")
        Duration margin();

        /** How long a replica may work on one incident's scope before another may take it over. */
        @WithDefault("5m")
        Duration lease();

        /** First wait after a failed scope (tracking-service down); doubles each time, up to scope.max-backoff. */
        @WithDefault("5s")
        Duration backoff();

        /** Longest wait between two attempts at a scope. */
        @WithDefault("5m")
        Duration maxBackoff();
    }

    interface Assessment {
        /**
         * Fields any member of the public may see on the tracking page: an exposure of these
         * alone, at the public tier, harms nobody and is closed without notices to people.
         */
        @WithDefault("trackingNumber,status,destination.province,expectedDeliveryDate,deliveredOn,events,sender")
        List<String> publicFields();

        /** Fields whose disclosure is sensitive whatever the tier or partner (full identity, address, contents, signature). */
        @WithDefault("signerName,productCategory,destination.line1,destination.line2,destination.postalCode,deliveredAt")
        List<String> sensitiveFields();

        /** Shipments exposed to one incident from which misuse is taken as probable (a deliberate walk of numbers). */
        @WithDefault("10")
        int probableMisuseShipments();

        /** Whether a clear case (sensitive and probable) notifies without waiting for an officer. */
        @WithDefault("true")
        boolean autoNotify();
    }

    interface Clock {
        /** GDPR Art. 33: the regulator is told within this time of Trackguard becoming aware. */
        @WithDefault("72h")
        Duration regulatorDeadline();

        /** Escalate to the officers when this little time is left and the regulator has not been told. */
        @WithDefault("24h")
        Duration escalateBefore();

        /** How often the clock is checked. */
        @WithDefault("1m")
        Duration checkInterval();

        /** The privacy officers' shared address, where escalations go. */
        String officersEmail();
    }

    interface Delivery {
        /** How often the outbox is looked at (also woken at once when notices are queued). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Notices claimed at a time by one replica. */
        @WithDefault("200")
        int batchSize();

        /** Notices sent at once by one replica. */
        @WithDefault("16")
        int concurrency();

        /** Notices sent at once to one destination (mail domain) by one replica. */
        @WithDefault("8")
        int perDestinationConcurrency();

        /** How long a claim lasts: a notice whose sender died goes back to the queue after it. */
        @WithDefault("2m")
        Duration lease();

        /** Tries before a notice is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failed try; doubles with each try, with jitter. */
        @WithDefault("10s")
        Duration backoff();

        /** Longest wait between two tries. */
        @WithDefault("30m")
        Duration maxBackoff();

        /** Wait when the mail server cannot be reached at all: the notice keeps its tries and waits. */
        @WithDefault("15s")
        Duration serverDownRetry();

        /** Longest time one SMTP transaction may take. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** The sender address of every notice. */
        String from();

        /** The domain of Message-IDs (the idempotency key of each notice). */
        @WithDefault("notices.trackguard.invalid")
        String messageIdDomain();

        /** tracking-service's public address: the "who looked at my parcel" links start with it. */
        String publicBaseUrl();
    }

    interface Organisation {
        /** The organisation's name, as notices and reports give it. */
        @WithDefault("Trackguard")
        String name();

        /** The privacy office's address, for questions and complaints. */
        String privacyEmail();

        /** The privacy office's telephone number. */
        Optional<String> privacyPhone();

        /** The person who answers the regulator's questions (SOR/2018-64 s.2(1)(g); GDPR Art. 33(3)(b)). */
        String contactName();

        /** The time zone dates are written in for people. */
        @WithDefault("America/Toronto")
        String zone();
    }

    interface Retention {
        /** SOR/2018-64 s.6: records of a breach are kept this long after it is closed, then deleted. */
        @WithDefault("730d")
        Duration keep();

        /** When the retention job runs (cron). */
        @WithDefault("0 17 3 * * ?")
        String cron();
    }
}
