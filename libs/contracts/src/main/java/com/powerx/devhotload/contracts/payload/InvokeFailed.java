package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/**
 * {@code dev.session.invoke.failed}: a handler that threw or ran past the invoke timeout, with what it was called with,
 * so that diagnostics can reproduce it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvokeFailed(
        @Required String handler,
        // The payload the handler received ({} when the request had none), masked by key and by value; over the
        // producer's size bound, the start of its masked JSON text as a string, with payloadTruncated true.
        @Required JsonNode payload,
        @Required InvokeError error,
        @Required long durationMs,
        // The code sequence that ran the handler: the sandbox's active version.
        @Required long sequence,
        // True past the invoke timeout (HTTP 504), false when the handler threw or its process died (HTTP 502).
        @Required boolean timedOut,
        Boolean payloadTruncated) implements EventPayload {
}
