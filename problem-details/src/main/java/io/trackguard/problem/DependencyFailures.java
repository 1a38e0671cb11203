package io.trackguard.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of a dependency (PostgreSQL, Redis, Keycloak, another service: down, hung,
 * out of connections) from a fault of our own. The first is answered 503 with Retry-After, since
 * the same request will succeed once the dependency is back; only the second is a 500.
 *
 * <p>This module depends on none of the clients, so classes it cannot link are recognised by
 * name; the cause chain is walked because each layer (Hibernate, Agroal, Vert.x, Mutiny, fault
 * tolerance) wraps the failure of the layer below.
 */
public final class DependencyFailures {

    /** Problem type slug of every "try again shortly" answer, the limiter's own 503 included. */
    public static final String SLUG = "temporarily-unavailable";

    /** Failures that say a dependency could not be used, whatever their message. */
    private static final Set<String> BY_NAME = Set.of(
            // Hibernate: a connection could not be had or broke (SQLState class 08)
            "org.hibernate.exception.JDBCConnectionException",
            "jakarta.persistence.QueryTimeoutException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            // Narayana: a transaction outlived its timeout while a statement hung
            "jakarta.transaction.RollbackException",
            // Vert.x clients (Redis, REST clients): connection closed, pool exhausted, a reply that never came
            "io.vertx.core.http.HttpClosedException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.netty.channel.ConnectTimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            // MicroProfile fault tolerance around a dependency: timeout, open breaker, full bulkhead
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException",
            // Keycloak: a service token could not be had, or the keys could not be fetched
            "io.quarkus.oidc.client.OidcClientException",
            "io.quarkus.oidc.common.OidcEndpointAccessException");

    /** Redis replies and client errors that mean "not now": closed, loading, a master or the cluster away, a busy script. */
    private static final Set<String> REDIS_UNAVAILABLE = Set.of(
            "CONNECTION_CLOSED", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY");

    private DependencyFailures() {
    }

    public static boolean isDependencyFailure(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql)) {
                return true;
            }
            if (named(t.getClass()) || redisUnavailable(t) || connectionClosed(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (BY_NAME.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** A Redis error reply or client failure that says the server cannot serve now (not a fault of the command). */
    private static boolean redisUnavailable(Throwable t) {
        if (!t.getClass().getName().equals("io.vertx.redis.client.impl.types.ErrorType")) {
            return false;
        }
        String message = String.valueOf(t.getMessage());
        return REDIS_UNAVAILABLE.stream().anyMatch(message::startsWith);
    }

    /** Vert.x's own "Connection was closed" (a VertxException, like its JSON decoding errors, which are not ours to retry). */
    private static boolean connectionClosed(Throwable t) {
        return t.getClass().getName().startsWith("io.vertx.core.") && "Connection was closed".equals(t.getMessage());
    }

    /**
     * Connection exceptions (08xxx), the server shutting down or starting (57P01-57P03), too many
     * connections (53300), a statement cancelled by its timeout (57014); and Agroal's acquisition
     * timeout, which has no SQLState and says so only in its message.
     */
    private static boolean unavailableState(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P0") || state.equals("53300") || state.equals("57014");
        }
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
