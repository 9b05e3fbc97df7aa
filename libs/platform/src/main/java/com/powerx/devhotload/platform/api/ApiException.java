package com.powerx.devhotload.platform.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client is meant to see: it becomes the error envelope of CONTRACT.md §1 with its status,
 * codes and details. Anything else that escapes a resource is an internal error and is not described to the client.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;
    private final String reasonCode;
    private final Map<String, Object> details;
    private final Long retryAfterSeconds;

    public ApiException(ErrorCode errorCode, String reasonCode, String message, Map<String, Object> details, Long retryAfterSeconds) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.errorCode = errorCode;
        this.reasonCode = reasonCode;
        this.details = details == null ? Map.of() : Map.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiException(ErrorCode errorCode, String reasonCode, String message) {
        this(errorCode, reasonCode, message, Map.of(), null);
    }

    public static ApiException badRequest(String reasonCode, String message) {
        return new ApiException(ErrorCode.DEV_BAD_REQUEST, reasonCode, message);
    }

    public static ApiException invalid(List<Violation> violations) {
        String message = violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().message()
                : violations.size() + " invalid fields";
        return new ApiException(ErrorCode.DEV_BAD_REQUEST, "validation_failed", message,
                Map.of("violations", List.copyOf(violations)), null);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.DEV_UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.DEV_FORBIDDEN, "forbidden", message);
    }

    /** Also used for resources of another tenant: their existence must not leak. */
    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.DEV_NOT_FOUND, "not_found", what + " not found");
    }

    public static ApiException conflict(String reasonCode, String message, Map<String, Object> details) {
        return new ApiException(ErrorCode.DEV_CONFLICT, reasonCode, message, details, null);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(ErrorCode.DEV_RATE_LIMITED, "rate_limited", "too many requests, retry later",
                Map.of("retryAfterSeconds", retryAfterSeconds), retryAfterSeconds);
    }

    public static ApiException capacityReached(String message, long retryAfterSeconds) {
        return new ApiException(ErrorCode.DEV_CAPACITY_REACHED, "capacity_reached", message,
                Map.of("retryAfterSeconds", retryAfterSeconds), retryAfterSeconds);
    }

    public ApiException withDetail(String key, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(details);
        merged.put(key, value);
        return new ApiException(errorCode, reasonCode, getMessage(), merged, retryAfterSeconds);
    }

    public ErrorCode errorCode() { return errorCode; }
    public int status() { return errorCode.status(); }
    public String reasonCode() { return reasonCode; }
    public Map<String, Object> details() { return details; }
    public Long retryAfterSeconds() { return retryAfterSeconds; }
}
