package com.powerx.devhotload.platform.api;

/** The {@code error_code} values of CONTRACT.md §1, each with the HTTP status it always travels with. */
public enum ErrorCode {
    DEV_BAD_REQUEST(400),
    DEV_UNAUTHORIZED(401),
    DEV_FORBIDDEN(403),
    DEV_FEATURE_DISABLED(403),
    DEV_NOT_FOUND(404),
    DEV_METHOD_NOT_ALLOWED(405),
    DEV_NOT_ACCEPTABLE(406),
    DEV_CONFLICT(409),
    DEV_RELOAD_CONFLICT(409),
    DEV_SESSION_ENDED(410),
    DEV_PAYLOAD_TOO_LARGE(413),
    DEV_UNSUPPORTED_MEDIA_TYPE(415),
    DEV_RATE_LIMITED(429),
    DEV_INTERNAL(500),
    DEV_UPSTREAM_FAILED(502),
    DEV_CAPACITY_REACHED(503),
    DEV_UNAVAILABLE(503),
    DEV_TIMEOUT(504);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
