package com.powerx.devhotload.telemetry.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.kafka.EventProducers;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The service's one event exit: accepted telemetry ({@code dev.hotload.cli}) and alerts ({@code plugin.debug.alert}),
 * sent with acks=all and idempotence; {@link #publishAll} returns only once the broker acknowledged every event.
 */
@ApplicationScoped
public class EventPublisher {

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.producer = EventProducers.create(bootstrap, "telemetry-ingest");
    }

    /** Sends in order and waits for every ack; {@link BrokerUnavailableException} when the broker does not ack. */
    public void publishAll(List<CloudEvent> events) {
        List<Future<?>> acks = new ArrayList<>(events.size());
        try {
            for (CloudEvent event : events) {
                acks.add(producer.send(EventProducers.record(EventTypes.topicOf(event.type()), event.partitionKey(), EventCodec.encode(event),
                        event.traceparent())));
            }
            for (Future<?> ack : acks) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException(e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new BrokerUnavailableException(e);
        }
    }

    void close(@Observes ShutdownEvent ignored) {
        producer.close();
    }

    /** The broker did not acknowledge: transient. */
    public static final class BrokerUnavailableException extends RuntimeException {
        BrokerUnavailableException(Throwable cause) {
            super("Kafka did not acknowledge: " + cause.getMessage(), cause);
        }
    }
}
