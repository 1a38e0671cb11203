package io.trackguard.tracking.support;

import io.agroal.api.AgroalDataSource;
import io.trackguard.tracking.audit.AccessLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit log back for assertions, after flushing what is queued. */
@ApplicationScoped
public class AccessRecords {

    private final AgroalDataSource dataSource;
    private final AccessLog log;

    public AccessRecords(AgroalDataSource dataSource, AccessLog log) {
        this.dataSource = dataSource;
        this.log = log;
    }

    public List<Map<String, Object>> where(String column, String value) {
        log.flush();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM access_record WHERE " + column + " = ? ORDER BY occurred_at, id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Array a) {
                            v = Arrays.asList((Object[]) a.getArray());
                        }
                        row.put(rs.getMetaData().getColumnName(i), v);
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
