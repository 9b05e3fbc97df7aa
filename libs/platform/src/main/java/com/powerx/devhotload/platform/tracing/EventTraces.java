package com.powerx.devhotload.platform.tracing;

import com.powerx.devhotload.contracts.CloudEvent;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * One trace per user action across HTTP and Kafka: an event made while a trace is current carries that trace's
 * {@code traceparent}, and the work an event causes runs under a span whose parent is the event's traceparent, so the
 * events <em>that</em> work makes continue the same trace. Uses the global OpenTelemetry, which Quarkus sets up
 * (when the SDK is disabled, spans are not recorded, but a traceparent still passes through unchanged).
 */
public final class EventTraces {

    private static final String INSTRUMENTATION = "com.powerx.devhotload.platform";

    private EventTraces() {
    }

    /** {@code event} as it is, if it already carries a trace; else with the current one (if any). */
    public static CloudEvent stamp(CloudEvent event) {
        if (event.traceparent() != null) {
            return event;
        }
        String current = Traceparent.current();
        return current == null ? event : event.withTraceparent(current);
    }

    /**
     * Starts the span of handling {@code cause} (not made current: the caller decides where it is current and ends
     * it). Its parent is the event's traceparent; an event without one gets the current span as parent, or a new trace.
     */
    public static Span startHandling(String name, CloudEvent cause) {
        var builder = tracer().spanBuilder(name).setSpanKind(SpanKind.CONSUMER);
        if (cause.traceparent() != null) {
            builder.setParent(Traceparent.parentContext(cause.traceparent()));
        }
        Span span = builder.startSpan();
        span.setAttribute("messaging.message.id", cause.id());
        span.setAttribute("cloudevents.event_type", cause.type());
        return span;
    }

    /**
     * Runs {@code step} on this thread under the span of handling {@code cause}: events stamped by the step
     * ({@link #stamp}) carry the cause's trace. For work that continues an event on another thread than the consumer's.
     */
    public static void run(String name, CloudEvent cause, Runnable step) {
        Span span = startHandling(name, cause);
        try (Scope ignored = span.makeCurrent()) {
            step.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static Tracer tracer() {
        return GlobalOpenTelemetry.getTracer(INSTRUMENTATION);
    }
}
