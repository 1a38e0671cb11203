package io.trackguard.tracking.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Writes access records to the partitioned table, each under its record id (the stream entry's
 * id, or one of its own for a record written without Redis) so that writing one twice keeps one
 * row: a consumer may die after its commit and before its acknowledgement, and another then
 * writes the same entries again.
 *
 * <p>A batch the database refuses for its data (SQLState class 22 or 23: a NUL byte, a value too
 * long, a constraint) is written again one record at a time, and a record refused on its own is
 * kept in {@code access_record_rejected} with its SQLState and counted in
 * {@code trackguard_audit_rejected_total}: one bad record never holds up the others. Any other
 * failure (PostgreSQL away, frozen, out of connections) is {@link Unavailable}: nothing was
 * settled, the caller keeps the records and tries again.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final String INSERT = """
            INSERT INTO access_record (record_id, occurred_at, actor_kind, actor_id, shipment_id, partner_id, number_hash,
                                       tier, fields, outcome, request_id, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (occurred_at, record_id) DO NOTHING""";
    private static final String REJECT = """
            INSERT INTO access_record_rejected (record_id, sql_state, payload) VALUES (?, ?, ?)
            ON CONFLICT (record_id) DO NOTHING""";
    /** The SQLState kept for an entry that is not a record at all (no field of PostgreSQL's own). */
    static final String UNDECODABLE = "TGX01";

    /** A stream entry (or a record written directly) by its id, as its fields. */
    public record Entry(String id, Map<String, String> fields) {
    }

    /** PostgreSQL could not be used; nothing of the call is settled. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String sqlState, Throwable cause) {
            super("PostgreSQL unavailable (" + sqlState + ")", cause);
        }
    }

    private record Decoded(Entry entry, AccessRecord record) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Counter rejected;

    public AuditWriter(AgroalDataSource dataSource, ObjectMapper json, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.json = json;
        this.rejected = Counter.builder("trackguard.audit.rejected")
                .description("Access records PostgreSQL refused for their data, kept in access_record_rejected")
                .register(metrics);
    }

    /** Settles every entry: in the table, or kept as rejected. Throws {@link Unavailable} when that cannot be done now. */
    public void write(List<Entry> entries) {
        List<Decoded> records = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            try {
                records.add(new Decoded(e, StreamedRecords.decode(e.fields())));
            } catch (IllegalArgumentException | java.time.DateTimeException notARecord) {
                reject(e, UNDECODABLE);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        SQLException refused = inNewTransaction(records);
        if (refused == null) {
            return;
        }
        LOG.warnf("access audit log: a batch of %d records was refused (%s); writing them one by one", records.size(),
                refused.getSQLState());
        for (Decoded d : records) {
            SQLException alone = inNewTransaction(List.of(d));
            if (alone != null) {
                reject(d.entry(), alone.getSQLState());
            }
        }
    }

    /** Writes in a transaction of its own (a caller's transaction may be open); answers the data error, if that was it. */
    private SQLException inNewTransaction(List<Decoded> records) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    insert(records);
                } catch (SQLException e) {
                    throw new WriteFailed(e);
                }
            });
            return null;
        } catch (RuntimeException e) {
            SQLException sql = sqlException(e);
            if (sql != null && dataError(sql)) {
                return sql;
            }
            throw new Unavailable(sql == null ? e.getClass().getSimpleName() : sql.getSQLState(), e);
        }
    }

    private void insert(List<Decoded> records) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Decoded d : records) {
                AccessRecord r = d.record();
                ps.setString(1, d.entry().id());
                ps.setTimestamp(2, Timestamp.from(r.occurredAt()));
                ps.setString(3, r.actor().kind().name());
                ps.setString(4, r.actor().id());
                ps.setObject(5, r.shipmentId(), Types.OTHER);
                ps.setString(6, r.partnerId());
                ps.setString(7, r.numberHash());
                ps.setString(8, r.tier() == null ? null : r.tier().name());
                ps.setArray(9, c.createArrayOf("text", r.fields().toArray()));
                ps.setString(10, r.outcome().name());
                ps.setString(11, r.requestId());
                ps.setString(12, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keeps a record the table refused, with why; only its id and the SQLState are logged, never its content. */
    private void reject(Entry entry, String sqlState) {
        String state = sqlState == null ? "?????" : sqlState;
        byte[] payload;
        try {
            payload = json.writeValueAsString(new TreeMap<>(entry.fields())).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int[] kept = new int[1];
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REJECT)) {
                    ps.setString(1, entry.id());
                    ps.setString(2, state);
                    ps.setBytes(3, payload);
                    kept[0] = ps.executeUpdate();
                } catch (SQLException e) {
                    throw new WriteFailed(e);
                }
            });
        } catch (RuntimeException e) {
            SQLException sql = sqlException(e);
            throw new Unavailable(sql == null ? e.getClass().getSimpleName() : sql.getSQLState(), e);
        }
        if (kept[0] == 1) {
            rejected.increment();
            LOG.errorf("access audit log: record %s refused by PostgreSQL (SQLState %s); kept in access_record_rejected",
                    entry.id(), state);
        }
    }

    /** Class 22 (data exception) and 23 (integrity constraint): the record's own fault, not the database's state. */
    static boolean dataError(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static SQLException sqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Carries a checked SQLException out of the transaction's lambda. */
    private static final class WriteFailed extends RuntimeException {
        WriteFailed(SQLException cause) {
            super(cause);
        }
    }
}
