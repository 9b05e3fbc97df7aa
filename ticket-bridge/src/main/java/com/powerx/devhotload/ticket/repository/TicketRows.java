package com.powerx.devhotload.ticket.repository;

import com.powerx.devhotload.ticket.domain.BuildMark;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.domain.TicketState;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of {@code ticket} as {@link Ticket}s. */
final class TicketRows {

    static final String COLUMNS = "ticket_id, tenant_id, plugin_id, fingerprint, provider, title, assignee, tracker_id, tracker_key, url, "
            + "state, closed_by, closed_as_fixed, report_ids, occurrences, last_session_id, last_sequence, last_build_hash, "
            + "verified_session_id, verified_sequence, verified_build_hash, created_at, closed_at, reopened_at";

    private TicketRows() {
    }

    static List<Ticket> all(RowSet<Row> rows) {
        List<Ticket> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(of(row));
        }
        return out;
    }

    static Ticket first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : of(rows.iterator().next());
    }

    static Ticket of(Row r) {
        String[] reports = r.getArrayOfStrings("report_ids");
        return new Ticket(r.getUUID("ticket_id"), r.getString("tenant_id"), r.getString("plugin_id"), r.getString("fingerprint"),
                r.getString("provider"), r.getString("title"), r.getString("assignee"), r.getString("tracker_id"), r.getString("tracker_key"),
                r.getString("url"), TicketState.fromWire(r.getString("state")), r.getString("closed_by"), r.getBoolean("closed_as_fixed"),
                reports == null ? List.of() : Arrays.asList(reports), r.getInteger("occurrences"),
                new BuildMark(r.getString("last_session_id"), r.getLong("last_sequence"), r.getString("last_build_hash")),
                new BuildMark(r.getString("verified_session_id"), r.getLong("verified_sequence"), r.getString("verified_build_hash")),
                r.getString("last_session_id"), instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("closed_at")),
                instant(r.getOffsetDateTime("reopened_at")));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
