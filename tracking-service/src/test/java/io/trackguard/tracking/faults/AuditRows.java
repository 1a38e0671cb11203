package io.trackguard.tracking.faults;

import io.agroal.api.AgroalDataSource;
import io.trackguard.testsupport.Await;
import io.trackguard.testsupport.PhasedLoad;
import io.trackguard.tracking.audit.AccessLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether every public lookup a client got a 200 for has its row in the access audit log, found
 * by the X-Request-Id the answer carried. Asked after {@link AccessLog#flush()}: it returns once
 * every record appended before it is in PostgreSQL, so the check waits for the audit, not a time.
 */
final class AuditRows {

    private final AccessLog log;
    private final AgroalDataSource dataSource;

    AuditRows(AccessLog log, AgroalDataSource dataSource) {
        this.log = log;
        this.dataSource = dataSource;
    }

    /** The request ids of the answered (200) {@code kind} answers. */
    static List<String> answered(PhasedLoad load, String kind) {
        return load.answers().stream().filter(a -> a.kind().equals(kind) && a.status() == 200).map(PhasedLoad.Answer::requestId).toList();
    }

    /**
     * The request ids among {@code answered} without a disclosed public row, after the audit log
     * caught up. A dependency that just came back may still fail the first catch-up (a pooled
     * connection broken by the outage, a reconnecting Redis): it is asked again until it answers.
     */
    Set<String> missing(Collection<String> answered) {
        Await.until("the access audit log caught up", Duration.ofSeconds(60), this::flushed, done -> done == null);
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(disclosedRequestIds());
        return missing;
    }

    /** null once flushed, else why not (what Await shows when it gives up). */
    private String flushed() {
        try {
            log.flush();
            return null;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private Set<String> disclosedRequestIds() {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT request_id FROM access_record WHERE outcome = 'DISCLOSED' AND actor_kind = 'PUBLIC' AND request_id IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the access audit log", e);
        }
        return ids;
    }
}
