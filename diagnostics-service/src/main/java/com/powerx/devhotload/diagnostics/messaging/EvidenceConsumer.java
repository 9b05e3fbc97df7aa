package com.powerx.devhotload.diagnostics.messaging;

import com.powerx.devhotload.diagnostics.service.EvidenceIngest;
import com.powerx.devhotload.diagnostics.service.IngestProgress;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Transport for the evidence store: one Kafka poll (batch mode) becomes one transaction, acknowledged after it
 * committed. Decoding and masking run once, on a worker thread (never the event loop); a database outage is then
 * retried with backoff until it passes, so a poll is never skipped: nothing is lost, and the store
 * catches up afterwards (P7's 5,000 lines/s is one statement per poll, not one per line).
 */
@ApplicationScoped
public class EvidenceConsumer {

    private final EvidenceIngest ingest;
    private final IngestProgress progress;

    public EvidenceConsumer(EvidenceIngest ingest, IngestProgress progress) {
        this.ingest = ingest;
        this.progress = progress;
    }

    @Incoming("evidence")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return Uni.createFrom().item(() -> ingest.prepare(batch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(this::store)
                .invoke(v -> progress.applied(batch));
    }

    /** Only the store is retried: the poll was decoded and masked once. */
    private Uni<Void> store(EvidenceIngest.Prepared poll) {
        return ingest.store(poll)
                .onFailure().invoke(e -> Log.warnf("evidence store unavailable, retrying the poll: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely();
    }
}
