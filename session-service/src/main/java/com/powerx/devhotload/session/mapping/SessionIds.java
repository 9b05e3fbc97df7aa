package com.powerx.devhotload.session.mapping;

import com.powerx.devhotload.platform.api.ApiException;

import java.util.UUID;

/** Session ids as clients send them: a UUID string, anything else a 400 on {@code sessionId}. */
public final class SessionIds {

    private SessionIds() {
    }

    public static UUID parse(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("sessionId", "must be a UUID");
        }
    }
}
