package com.powerx.devhotload.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.InvokeError;
import com.powerx.devhotload.contracts.payload.InvokeFailed;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A handler that threw or ran past its timeout becomes a {@code dev.session.invoke.failed} event (CONTRACT.md §9), what
 * diagnostics needs to reproduce it: the payload masked by key and by value, the error's message and stack masked like
 * log lines, everything bounded. Recorded on the session's worker through {@link SandboxEvents}, in order with the
 * sandbox's other events (a crash the call caused comes first).
 */
@ApplicationScoped
public class InvokeFailures {

    /** Bounds far below Kafka's 1 MB record limit: a larger event could never leave the outbox. */
    static final int MAX_PAYLOAD_CHARS = 64 * 1024;
    static final int MAX_MESSAGE_CHARS = 8 * 1024;
    static final int MAX_STACK_CHARS = 32 * 1024;
    static final String CUT_MARK = "…[truncated]";

    private final SessionWorkers workers;
    private final SandboxEvents events;
    private final LogMasker masker;

    public InvokeFailures(SessionWorkers workers, SandboxEvents events, LogMasker masker) {
        this.workers = workers;
        this.events = events;
        this.masker = masker;
    }

    /**
     * Queues the event for {@code e}, the failure of {@code handler} called with {@code payload}. The harness reports
     * the version that ran the handler and how long it ran; when it could not (the process went away),
     * {@code measuredMs} and the sandbox's active sequence stand in.
     */
    public void report(Sandbox sandbox, String handler, JsonNode payload, HarnessError e, long measuredMs) {
        JsonNode error = e.error();
        long sequence = error.path("sequence").isIntegralNumber() ? error.get("sequence").asLong() : sandbox.sequence();
        long durationMs = error.path("durationMs").isIntegralNumber() ? error.get("durationMs").asLong() : measuredMs;
        workers.run(sandbox, () -> events.record(sandbox, EventTypes.INVOKE_FAILED,
                event(handler, payload, e, durationMs, sequence)));
    }

    InvokeFailed event(String handler, JsonNode payload, HarnessError e, long durationMs, long sequence) {
        // What the handler received: the harness passes {} for an absent payload.
        JsonNode sent = payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload;
        String masked = masker.maskJson(JsonText.write(sent));
        boolean truncated = masked.length() > MAX_PAYLOAD_CHARS;
        JsonNode data = truncated ? TextNode.valueOf(cut(masked, MAX_PAYLOAD_CHARS)) : tree(masked);
        return new InvokeFailed(handler, data, error(e), durationMs, sequence, e.timedOut(), truncated ? Boolean.TRUE : null);
    }

    private static JsonNode tree(String maskedJson) {
        try {
            return JsonText.tree(maskedJson);
        } catch (IllegalStateException notJsonAnyMore) {
            return TextNode.valueOf(maskedJson); // masked all the same; the event is not lost over its shape
        }
    }

    private InvokeError error(HarnessError e) {
        String message = cut(masker.mask(e.error().path("message").asText("")), MAX_MESSAGE_CHARS);
        String stack = cut(masker.mask(e.error().path("stack").asText("")), MAX_STACK_CHARS);
        return new InvokeError(message.isEmpty() ? "the handler failed" : message, stack.isEmpty() ? null : stack,
                e.code().isEmpty() ? null : e.code());
    }

    /** The start of {@code text} (already masked) within {@code max} characters, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - CUT_MARK.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT_MARK;
    }
}
