package com.powerx.devhotload.cli.api;

import java.net.http.HttpRequest;

/** The credentials one call carries: the developer's JWT (none in local mode) or a session's reload token. */
public record Auth(String bearer, String sessionId) {

    public static final Auth NONE = new Auth(null, null);

    public static Auth developer(String token) {
        return token == null ? NONE : new Auth(token, null);
    }

    /** {@code Authorization: Bearer <reloadToken>} with {@code X-Session-Id}, as blobs, reads and telemetry accept. */
    public static Auth session(String sessionId, String reloadToken) {
        return new Auth(reloadToken, sessionId);
    }

    void apply(HttpRequest.Builder request) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (sessionId != null) {
            request.header("X-Session-Id", sessionId);
        }
    }
}
