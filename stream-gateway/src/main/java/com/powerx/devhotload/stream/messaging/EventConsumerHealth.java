package com.powerx.devhotload.stream.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the event consumer runs and has not been failing to apply events for long. */
@Readiness
@ApplicationScoped
public class EventConsumerHealth implements HealthCheck {

    private final EventConsumer consumer;

    public EventConsumerHealth(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("stream-gateway event ingest").status(consumer.healthy());
        if (consumer.lastError() != null) {
            builder.withData("lastError", consumer.lastError());
        }
        return builder.build();
    }
}
