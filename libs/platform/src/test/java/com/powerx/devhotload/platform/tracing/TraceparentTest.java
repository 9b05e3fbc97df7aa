package com.powerx.devhotload.platform.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The W3C traceparent text read and written the same way by every service. */
class TraceparentTest {

    private static final String SAMPLED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceparentRoundTripsThroughItsSpanContext() {
        SpanContext context = Traceparent.parse(SAMPLED);

        assertThat(context.isValid()).isTrue();
        assertThat(context.isRemote()).isTrue();
        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isSampled()).isTrue();
        assertThat(Traceparent.of(context)).isEqualTo(SAMPLED);
        assertThat(Traceparent.traceId(SAMPLED)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void anUnsampledTraceKeepsItsFlags() {
        SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault());

        assertThat(Traceparent.of(context)).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @Test
    void malformedOrAllZeroTraceparentsNameNoTrace() {
        for (String bad : new String[] {null, "", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz"}) {
            assertThat(Traceparent.parse(bad).isValid()).as(String.valueOf(bad)).isFalse();
            assertThat(Traceparent.traceId(bad)).isNull();
        }
        assertThat(Traceparent.of(SpanContext.getInvalid())).isNull();
    }
}
