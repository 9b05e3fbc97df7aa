package com.powerx.devhotload.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When ticket-bridge queued each create and close (its {@code ticket_action.created_at}, stamped in the transaction
 * that consumed the event and decided), read from its database after the run. It splits each P11 step in two: event
 * → decision (outbox relay of the producer, Kafka, the bridge's consumer) and decision → tracker call (the action
 * worker picking the row up, the lookup before a create, the transitions read before a close).
 */
final class TicketActions {

    /** The instants a plugin's ticket got its create and its close queued (null: none). */
    record Queued(Instant create, Instant close) {
    }

    private TicketActions() {
    }

    static Map<String, Queued> of(String jdbcUrl, String tenant) throws Exception {
        Map<String, Queued> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement q = c.prepareStatement("SELECT t.plugin_id, min(a.created_at) FILTER (WHERE a.kind = 'create'),"
                     + " min(a.created_at) FILTER (WHERE a.kind = 'close') FROM ticket_action a JOIN ticket t USING (ticket_id)"
                     + " WHERE t.tenant_id = ? GROUP BY t.plugin_id")) {
            q.setString(1, tenant);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Queued(instant(rs, 2), instant(rs, 3)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws Exception {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
