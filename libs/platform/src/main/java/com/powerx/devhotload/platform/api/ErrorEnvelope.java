package com.powerx.devhotload.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/** {@code {"code", "message", "error", "error_code", "reason_code", "details", "timestamp", "request_id"}}: never a stack trace. */
@JsonPropertyOrder({"code", "message", "error", "error_code", "reason_code", "details", "timestamp", "request_id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ErrorEnvelope implements Envelope {

    private final int code;
    private final String message;
    private final ErrorCode errorCode;
    private final String reasonCode;
    private final Map<String, Object> details;
    private final long timestamp = System.currentTimeMillis() / 1000;
    private String requestId;

    public ErrorEnvelope(ErrorCode errorCode, String reasonCode, String message, Map<String, Object> details) {
        this.code = errorCode.status();
        this.errorCode = errorCode;
        this.reasonCode = reasonCode;
        this.message = message;
        this.details = details == null ? Map.of() : details;
    }

    public static ErrorEnvelope of(ApiException e) {
        return new ErrorEnvelope(e.errorCode(), e.reasonCode(), e.getMessage(), e.details());
    }

    @JsonProperty("code") public int code() { return code; }
    @JsonProperty("message") public String message() { return message; }
    /** A short machine-friendly name of the failure (the status reason), kept for PowerX clients that read {@code error}. */
    @JsonProperty("error") public String error() { return reasonCode; }
    @JsonProperty("error_code") public ErrorCode errorCode() { return errorCode; }
    @JsonProperty("reason_code") public String reasonCode() { return reasonCode; }
    @JsonProperty("details") public Map<String, Object> details() { return details; }
    @JsonProperty("timestamp") public long timestamp() { return timestamp; }
    @JsonProperty("request_id") public String requestId() { return requestId; }

    @Override
    public void assignRequestId(String requestId) {
        this.requestId = requestId;
    }
}
