package io.trackguard.notification.support;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the service's database directly, for assertions and for staging a crash. */
public final class Db {

    private Db() {
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        AgroalDataSource ds = Arc.container().instance(AgroalDataSource.class).get();
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (!ps.execute()) {
                return out;
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Array a) {
                            v = Arrays.asList((Object[]) a.getArray());
                        }
                        row.put(rs.getMetaData().getColumnLabel(i), v);
                    }
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }
}
