package com.powerx.devhotload.telemetry.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport for {@code dev.hotload.cli}, {@code dev.session.sandbox} and {@code dev.session.lifecycle} — one channel,
 * so a session's lifecycle, reload outcomes and telemetry are applied one at a time; each record is handed raw to
 * {@link RedisIdempotentConsumer} and acknowledged once its effect is committed.
 */
@ApplicationScoped
public class TelemetryEventConsumer {

    private final RedisIdempotentConsumer consumer;

    public TelemetryEventConsumer(RedisIdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("events")
    @Blocking
    public void consume(byte[] record) {
        consumer.consume(record);
    }
}
