package com.powerx.devhotload.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.http.HttpHeaders;

/** A successful answer: its status, headers and parsed JSON envelope (missing for an empty or non-JSON body). */
public record ApiResponse(int status, HttpHeaders headers, JsonNode body, String text) {

    /** The envelope's {@code data}, or the body itself for answers that have none. */
    public JsonNode data() {
        JsonNode data = body.path("data");
        return data.isMissingNode() || data.isNull() ? body : data;
    }

    public static ApiResponse empty(int status, HttpHeaders headers, String text) {
        return new ApiResponse(status, headers, MissingNode.getInstance(), text);
    }
}
