package io.trackguard.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Partner webhook delivery (environment: TRACKGUARD_WEBHOOKS_*); README "Webhooks". */
@ConfigMapping(prefix = "trackguard.webhooks")
public interface WebhookConfig {

    /** The stream tracking-service relays shipment events to (its TRACKGUARD_EVENTS_STREAM). */
    @WithDefault("trackguard:shipment-events")
    String stream();

    /** The consumer group all replicas share on that stream. */
    @WithDefault("notification-webhooks")
    String group();

    /** How often the stream, the events to fan out and the due deliveries are looked at. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Stream entries read, events fanned out, deliveries claimed per call. */
    @WithDefault("200")
    int batchSize();

    /** A stream entry pending this long with another consumer (a crashed replica) is claimed by this one. */
    @WithDefault("30s")
    Duration claimIdle();

    /**
     * Wait before each attempt, from the first: about now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
     * 14 h, 20 h, 24 h (Standard Webhooks' and Svix' schedule); after the last, the delivery is given up.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> schedule();

    /** Each wait is moved by up to this fraction either way, so retries of many deliveries spread out. */
    @WithDefault("0.2")
    double jitter();

    /** The longest Retry-After (429, 503) that is honoured as asked; longer ones are cut to this. */
    @WithDefault("24h")
    Duration maxRetryAfter();

    /** One attempt's whole time: connect, TLS, request and answer. */
    @WithDefault("15s")
    Duration attemptTimeout();

    /** Bytes of an answer's body read (kept for the partner's delivery log); the rest is not read. */
    @WithDefault("4096")
    int maxResponseBytes();

    /** Deliveries sent at once by one replica. */
    @WithDefault("64")
    int concurrency();

    /** Deliveries sent at once to one endpoint by one replica: a slow partner holds up only itself. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /**
     * The longest one statement of the webhook store may run before PostgreSQL cancels it
     * (statement_timeout, SQLState 57014): the pass is skipped and the next poll tries again, on a
     * connection still in the pool. Must be below the JDBC socketTimeout (checked at start), which
     * is only for a server that answers nothing and closes the connection with the statement still
     * running on the server.
     */
    @WithDefault("5s")
    Duration storeStatementTimeout();

    /**
     * The longest one statement of the webhook store waits for a lock (a row another transaction
     * holds, a table lock of a migration or maintenance job) before PostgreSQL gives up
     * (lock_timeout, SQLState 55P03).
     */
    @WithDefault("2s")
    Duration storeLockTimeout();

    /** A claimed delivery not settled within this (its sender died) is taken over by another. */
    @WithDefault("2m")
    Duration lease();

    /** An endpoint failing without a single success for this long is disabled, and its partner told by email. */
    @WithDefault("3d")
    Duration disableAfter();

    /**
     * Finished deliveries (delivered or given up), their attempts and their events are deleted
     * this long after they finished; waiting ones never are. They hold partner-visible shipment data.
     */
    @WithDefault("30d")
    Duration keep();

    /** When the finished deliveries older than keep are deleted (Quartz cron). */
    @WithDefault("0 47 3 * * ?")
    String retentionCron();

    /** Ports a webhook URL may name. */
    @WithDefault("443,8443")
    List<Integer> allowedPorts();

    /**
     * Test and local-stack only: loopback receivers (and their ports) are allowed. Never set in a
     * deployment: it would let a subscription reach this machine.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** Test only: a PEM certificate trusted instead of the JVM's trust store (the tests' self-signed receiver). */
    Optional<String> testTrustedCertificate();
}
