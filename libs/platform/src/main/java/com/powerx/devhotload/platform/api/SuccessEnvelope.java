package com.powerx.devhotload.platform.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code {"code", "message": "success", "data", "timestamp", "request_id"}} (CONTRACT.md §1), plus the fields some
 * endpoints copy to the top level because the PowerX CLIs read them there. {@code request_id} is filled in by
 * {@link com.powerx.devhotload.platform.web.EnvelopeRequestIdFilter} on the way out.
 */
@JsonPropertyOrder({"code", "message", "data", "timestamp", "request_id"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SuccessEnvelope implements Envelope {

    private final int code;
    private final Object data;
    private final long timestamp = System.currentTimeMillis() / 1000;
    private final Map<String, Object> topLevel = new LinkedHashMap<>();
    private String requestId;

    public SuccessEnvelope(int code, Object data) {
        this.code = code;
        this.data = data;
    }

    /** Copies a field of {@code data} to the top level (PowerX client compatibility). */
    public SuccessEnvelope withTopLevel(String name, Object value) {
        if (value != null) {
            topLevel.put(name, value);
        }
        return this;
    }

    @JsonProperty("code") public int code() { return code; }
    @JsonProperty("message") public String message() { return "success"; }
    @JsonProperty("data") public Object data() { return data; }
    @JsonProperty("timestamp") public long timestamp() { return timestamp; }
    @JsonProperty("request_id") public String requestId() { return requestId; }
    @JsonAnyGetter public Map<String, Object> topLevel() { return topLevel; }

    @Override
    public void assignRequestId(String requestId) {
        this.requestId = requestId;
    }
}
