package io.trackguard.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** A dependency's failure is a 503 however deeply it is wrapped; a fault of ours or of the input never is. */
class DependencyFailuresTest {

    @Test
    void connectionFailuresOfEveryKindAreTheDependencys() {
        // Hibernate wrapping pgjdbc's "connection refused" (SQLState 08001)
        assertTrue(DependencyFailures.isDependencyFailure(
                new PersistenceException("could not execute", new SQLException("refused", "08001"))));
        // Agroal: no connection within the acquisition timeout (no SQLState)
        assertTrue(DependencyFailures.isDependencyFailure(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(DependencyFailures.isDependencyFailure(new SQLTransientConnectionException("pool")));
        // PostgreSQL shutting down, and a statement cancelled by its timeout
        assertTrue(DependencyFailures.isDependencyFailure(new SQLException("terminating", "57P01")));
        assertTrue(DependencyFailures.isDependencyFailure(new SQLException("canceling statement", "57014")));
        // a REST client that could not connect, a breaker that is open
        assertTrue(DependencyFailures.isDependencyFailure(new ProcessingException(new ConnectException("refused"))));
        assertTrue(DependencyFailures.isDependencyFailure(new CircuitBreakerOpenException("open")));
    }

    @Test
    void ourFaultsAndBadInputStayOurs() {
        // a constraint violation (23505) is a bug or a conflict to answer, never "try again later"
        assertFalse(DependencyFailures.isDependencyFailure(
                new PersistenceException("duplicate", new SQLException("duplicate key", "23505"))));
        assertFalse(DependencyFailures.isDependencyFailure(new SQLException("syntax error", "42601")));
        assertFalse(DependencyFailures.isDependencyFailure(new IllegalStateException("bug")));
        assertFalse(DependencyFailures.isDependencyFailure(new NullPointerException()));
        // Vert.x's JSON decoding error is a VertxException too, but about the input
        assertFalse(DependencyFailures.isDependencyFailure(new DecodeException("bad json")));
    }
}
