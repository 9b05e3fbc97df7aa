package com.powerx.devhotload.e2e;

import com.powerx.devhotload.devstack.LocalInfra;
import com.powerx.devhotload.devstack.PostgresNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of every row the services keep in PostgreSQL — per table its row count and an md5 of its rows — so a
 * test can show that a sweep of bad requests changed nothing. Tables the suite changes by itself (leases renewed,
 * heartbeats) are found by {@link #volatileTables}: two fingerprints taken while no client calls differ there.
 */
final class Datastores {

    private Datastores() {
    }

    static Map<String, String> fingerprint(PostgresNode pg) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String database : LocalInfra.DATABASES) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password())) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    String columns = stableColumns(c, table);
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                            + " FROM (SELECT " + columns + " FROM \"" + table + "\") t")) {
                        rs.next();
                        out.put(database + "." + table, rs.getLong(1) + " rows, " + rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The columns that hold data, not liveness: a lease's expiry, a heartbeat, a renewal time move while nobody calls
     * (the orchestrator renews its sandboxes' leases every few seconds).
     */
    private static String stableColumns(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (var st = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = ? ORDER BY ordinal_position")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.matches(".*(lease|heartbeat|renewed|expires|seen).*")) {
                        columns.add("\"" + name + "\"");
                    }
                }
            }
        }
        return columns.isEmpty() ? "1" : String.join(", ", columns);
    }

    /** Every row of {@code database.table} as text, to show what changed. */
    static List<String> rows(PostgresNode pg, String qualified) throws Exception {
        String database = qualified.substring(0, qualified.indexOf('.'));
        String table = qualified.substring(qualified.indexOf('.') + 1);
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT t::text FROM \"" + table + "\" t ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Tables whose fingerprint changes within {@code millis} with nobody calling. */
    static List<String> volatileTables(PostgresNode pg, long millis) throws Exception {
        Map<String, String> first = fingerprint(pg);
        Thread.sleep(millis);
        Map<String, String> second = fingerprint(pg);
        return first.keySet().stream().filter(k -> !first.get(k).equals(second.get(k))).toList();
    }

    /** The tables whose fingerprint differs between two snapshots, leaving out {@code ignored}. */
    static Map<String, String> changes(Map<String, String> before, Map<String, String> after, List<String> ignored) {
        Map<String, String> changed = new TreeMap<>();
        for (String table : after.keySet()) {
            if (!ignored.contains(table) && !after.get(table).equals(before.get(table))) {
                changed.put(table, before.get(table) + " -> " + after.get(table));
            }
        }
        return changed;
    }
}
