package com.powerx.devhotload.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * The W3C {@code traceparent} text ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}) that carries a trace
 * across Kafka: the CloudEvent attribute and the record header of CONTRACT.md §9.
 */
public final class Traceparent {

    private static final String VERSION = "00";

    private Traceparent() {
    }

    /** The traceparent of {@code context}, or null when it is not a valid span context. */
    public static String of(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        return VERSION + "-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The traceparent of the span current on this thread (or Vert.x context), or null outside any trace. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** The remote span context {@code traceparent} names, or an invalid one for null or malformed text. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-' || !traceparent.startsWith(VERSION)) {
            return SpanContext.getInvalid();
        }
        String flags = traceparent.substring(53);
        if (!isHex(flags)) {
            return SpanContext.getInvalid();
        }
        // createFromRemoteParent validates the ids (hex, not all zero) and answers an invalid context otherwise.
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(flags, 0), TraceState.getDefault());
    }

    /** A context whose parent span is the one {@code traceparent} names; the root context when there is none. */
    public static Context parentContext(String traceparent) {
        SpanContext parent = parse(traceparent);
        return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
    }

    /** The 32-hex trace id of {@code traceparent}, or null when it is missing or malformed. */
    public static String traceId(String traceparent) {
        SpanContext context = parse(traceparent);
        return context.isValid() ? context.getTraceId() : null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
