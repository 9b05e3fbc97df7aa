package com.powerx.devhotload.platform.web;

import io.vertx.core.http.HttpServerRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: the caller's {@code X-Request-ID} when it is sane, otherwise a fresh one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    // Echoing arbitrary header text into bodies and logs would let a client inject into them: keep it plain.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    /** Makes sure the request carries a usable id in its {@code X-Request-ID} header and returns it. */
    public static String ensure(HttpServerRequest request) {
        String given = request.getHeader(HEADER);
        if (given != null && SAFE.matcher(given).matches()) {
            return given;
        }
        String generated = UUID.randomUUID().toString();
        request.headers().set(HEADER, generated);
        return generated;
    }
}
