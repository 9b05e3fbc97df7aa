package com.powerx.devhotload.ticket.mapping;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.ticket.rest.TicketRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks of the ticket API's inputs: every violation at once, in the §1 envelope, before anything changes. */
public final class TicketChecks {

    /** A checked update. */
    public record Update(UUID ticketId, String comment, String state) {
    }

    private TicketChecks() {
    }

    /** {@code open|closed|all} (absent: all) → the state to filter on, null for all. */
    public static String stateFilter(String state) {
        if (state == null || state.isEmpty() || "all".equals(state)) {
            return null;
        }
        if (!"open".equals(state) && !"closed".equals(state)) {
            throw ApiException.invalid("state", "must be one of open, closed, all");
        }
        return state;
    }

    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid(field, "must be a UUID");
        }
    }

    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, "at most " + max + " characters");
        }
        return value;
    }

    public static Update update(TicketRequests.Update body) {
        if (body == null) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        List<Violation> violations = new ArrayList<>();
        UUID id = null;
        try {
            id = UUID.fromString(String.valueOf(body.ticketId()));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("ticketId", "must be a UUID"));
        }
        if (body.state() != null && !"open".equals(body.state()) && !"closed".equals(body.state())) {
            violations.add(new Violation("state", "must be open or closed"));
        }
        if (body.comment() != null && body.comment().length() > 20_000) {
            violations.add(new Violation("comment", "at most 20000 characters"));
        }
        if (body.state() == null && (body.comment() == null || body.comment().isBlank())) {
            violations.add(new Violation("comment", "a comment or a state is required"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return new Update(id, body.comment() == null || body.comment().isBlank() ? null : body.comment(), body.state());
    }
}
