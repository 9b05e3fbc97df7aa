package com.powerx.devhotload.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;

import java.io.IOException;

/**
 * A stream that exists only for one session: it ends when the session ends, and — when it was opened with a
 * reload token — when {@code /resume} replaces that token.
 *
 * @param tokenSha256  hex SHA-256 of the reload token the stream was opened with, or null for other credentials
 * @param alreadyEnded the session had ended when the stream was opened
 */
public record SessionBinding(String sessionId, String tokenSha256, boolean alreadyEnded) {

    /** What an entry of the stream means for a stream bound to its session. */
    public enum Outcome { CONTINUE, SESSION_ENDED, TOKEN_REPLACED }

    public Outcome outcomeOf(StreamEntry entry) {
        if (!sessionId.equals(entry.sessionId())) {
            return Outcome.CONTINUE;
        }
        return switch (entry.type()) {
            case EventTypes.SESSION_TERMINATED, EventTypes.SESSION_EXPIRED -> Outcome.SESSION_ENDED;
            case EventTypes.SESSION_UPDATED -> outcomeOfUpdate(entry);
            default -> Outcome.CONTINUE;
        };
    }

    private Outcome outcomeOfUpdate(StreamEntry entry) {
        JsonNode payload;
        try {
            payload = EventCodec.mapper().readTree(entry.data()).path("payload");
        } catch (IOException e) {
            return Outcome.CONTINUE;
        }
        String status = payload.path("status").asText("");
        if (status.equals("terminated") || status.equals("expired")) {
            return Outcome.SESSION_ENDED;
        }
        String newToken = payload.path("reloadTokenSha256").asText("");
        if (tokenSha256 != null && !newToken.isEmpty() && !newToken.equalsIgnoreCase(tokenSha256)) {
            return Outcome.TOKEN_REPLACED;
        }
        return Outcome.CONTINUE;
    }
}
