package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.diagnostics.domain.CreateReport;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.mapping.AlertReports;
import com.powerx.devhotload.diagnostics.mapping.EvidenceRecords;
import com.powerx.devhotload.diagnostics.repository.EvidenceRepository;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.masking.MaskingEngine;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll of the loop's events into the evidence store, in one transaction: the masked events (one statement), what
 * they say about sessions, and a report task for each warning or critical alert. A redelivered poll changes nothing:
 * events are keyed by id, session writes are idempotent, and a report is unique per alert.
 */
@ApplicationScoped
public class EvidenceIngest {

    private final Pool pool;
    private final EvidenceRepository evidence;
    private final SessionDirectory sessions;
    private final ReportRepository reports;
    private final MaskingEngine engine;
    private final AlertReports alertReports;
    private final ReportWorker worker;
    private final DiagnosticsMetrics metrics;

    public EvidenceIngest(Pool pool, EvidenceRepository evidence, SessionDirectory sessions, ReportRepository reports,
                          MaskingEngine engine, AlertReports alertReports, ReportWorker worker, DiagnosticsMetrics metrics) {
        this.pool = pool;
        this.evidence = evidence;
        this.sessions = sessions;
        this.reports = reports;
        this.engine = engine;
        this.alertReports = alertReports;
        this.worker = worker;
        this.metrics = metrics;
    }

    /** A poll decoded and masked, ready to store: prepared once, stored as often as the store needs retrying. */
    public record Prepared(List<CloudEvent> events, List<EvidenceEvent> rows, List<CreateReport> reports) {
    }

    /**
     * Decodes and masks one poll. CPU-bound (the masking engine scans every string), so the caller runs it on a
     * worker thread, never on the event loop the Kafka connector and the SQL client share.
     */
    public Prepared prepare(List<ConsumerRecord<String, byte[]>> records) {
        List<CloudEvent> events = new ArrayList<>(records.size());
        List<EvidenceEvent> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = decode(record);
            if (event != null && event.tenantid() != null) {
                events.add(event);
                rows.add(EvidenceRecords.of(event, record.topic(), record.offset(), Instant.ofEpochMilli(record.timestamp()), engine));
            }
        }
        return new Prepared(events, rows, reportsFor(events));
    }

    /** Stores a prepared poll in one transaction; safe to repeat (see the class comment). */
    @WithSpan
    public Uni<Void> store(Prepared poll) {
        return pool.withTransaction(tx -> evidence.insertAll(tx, poll.rows())
                        .flatMap(n -> applySessions(tx, poll.events()))
                        .flatMap(v -> createReports(tx, poll.reports())))
                .invoke(v -> {
                    metrics.ingested(poll.rows().size());
                    if (!poll.reports().isEmpty()) {
                        worker.nudge();
                    }
                });
    }

    /**
     * One statement after another on the transaction's connection, as a stream: a chain of {@code flatMap}s built in a
     * loop nests one level per event, and a poll of 2,000 lifecycle events overflowed the stack when subscribed.
     */
    private Uni<Void> applySessions(SqlClient tx, List<CloudEvent> events) {
        List<CloudEvent> relevant = events.stream().filter(SessionDirectory::concerns).toList();
        return Multi.createFrom().iterable(relevant).onItem().transformToUniAndConcatenate(e -> sessions.apply(tx, e))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> createReports(SqlClient tx, List<CreateReport> requested) {
        return Multi.createFrom().iterable(requested).onItem().transformToUniAndConcatenate(r -> reports.create(tx, r))
                .collect().last().replaceWithVoid();
    }

    private List<CreateReport> reportsFor(List<CloudEvent> events) {
        List<CreateReport> out = new ArrayList<>();
        for (CloudEvent event : events) {
            if (EventTypes.ALERT_RAISED.equals(event.type())) {
                CreateReport r = alertReports.forAlert(event.tenantid(), event.data());
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = EventCodec.decode(record.value());
            JsonNode data = event.data();
            return data == null || !data.isObject() ? null : event;
        } catch (InvalidEventException | IllegalArgumentException e) {
            // A record that is no event of the contract can never become one: skip it rather than block the partition.
            Log.warnf("skipping malformed record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }
}
