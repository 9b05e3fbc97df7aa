package com.powerx.devhotload.platform.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where a token may come from: {@code Authorization: Bearer}, {@code X-API-Key} (the Go CLI sends its token there
 * on register), or the {@code px_token} cookie (EventSource cannot set headers). Never the query string: URLs end
 * up in logs and proxies.
 */
public final class CredentialSources {

    public static final String COOKIE = "px_token";

    private CredentialSources() {
    }

    public static String token(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        String apiKey = request.getHeader("X-API-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    /** JWS compact serialization: three base64url parts. Reload tokens are a single 32-char part. */
    public static boolean isJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first + 1 && token.chars().filter(c -> c == '.').count() == 2;
    }
}
