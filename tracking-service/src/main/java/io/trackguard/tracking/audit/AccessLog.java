package io.trackguard.tracking.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.trackguard.problem.Problem;
import io.trackguard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import org.jboss.logging.Logger;

/**
 * Appends access records off the request path: requests queue them, a scheduled flush
 * writes them in batches. A graceful shutdown writes everything still queued. A crash loses
 * at most what was queued since the last flush (a second's worth). If the queue is full
 * (the database has been away for a while), the request writes its own record, and if that
 * fails too the disclosure is refused: nothing is disclosed that is not audited.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final String INSERT = """
            INSERT INTO access_record (occurred_at, actor_kind, actor_id, shipment_id, partner_id, number_hash,
                                       tier, fields, outcome, request_id, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final AgroalDataSource dataSource;
    private final AuditConfig config;
    private final LinkedBlockingDeque<AccessRecord> queue;

    public AccessLog(AgroalDataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.queue = new LinkedBlockingDeque<>(config.queueCapacity());
    }

    public void append(AccessRecord record) {
        if (queue.offerLast(record)) {
            return;
        }
        try {
            write(List.of(record));
        } catch (SQLException e) {
            LOG.errorf("access audit log unavailable (%s); refusing the request", e.getSQLState());
            throw new ProblemException(Problem.typed("audit-unavailable", 503, "Service unavailable",
                    "This request cannot be recorded right now, so it is not answered. Try again later."),
                    java.util.Map.of("Retry-After", "5"));
        }
    }

    /** Writes what is queued. Runs every second, and once more at shutdown. */
    @Scheduled(every = "${trackguard.audit.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        List<AccessRecord> batch = new ArrayList<>(config.batchSize());
        while (queue.drainTo(batch, config.batchSize()) > 0) {
            try {
                write(batch);
            } catch (SQLException e) {
                // Put them back in order; the next flush tries again.
                for (int i = batch.size() - 1; i >= 0; i--) {
                    if (!queue.offerFirst(batch.get(i))) {
                        LOG.errorf("access audit log: queue full while the database is unavailable; %d records could not be kept",
                                i + 1);
                        break;
                    }
                }
                LOG.warnf("access audit log: write failed (%s); %d records wait", e.getSQLState(), queue.size());
                return;
            }
            batch.clear();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        flush();
        if (!queue.isEmpty()) {
            LOG.errorf("access audit log: %d records could not be written at shutdown", queue.size());
        }
    }

    public int queued() {
        return queue.size();
    }

    private void write(List<AccessRecord> records) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AccessRecord r : records) {
                ps.setTimestamp(1, Timestamp.from(r.occurredAt()));
                ps.setString(2, r.actor().kind().name());
                ps.setString(3, r.actor().id());
                ps.setObject(4, r.shipmentId(), Types.OTHER);
                ps.setString(5, r.partnerId());
                ps.setString(6, r.numberHash());
                ps.setString(7, r.tier() == null ? null : r.tier().name());
                ps.setArray(8, c.createArrayOf("text", r.fields().toArray()));
                ps.setString(9, r.outcome().name());
                ps.setString(10, r.requestId());
                ps.setString(11, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
