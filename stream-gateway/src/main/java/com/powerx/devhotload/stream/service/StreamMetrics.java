package com.powerx.devhotload.stream.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's meters ({@code dev.hotload.stream.*}, and the console's {@code admin.dev_hotload.*}), exported on
 * {@code /q/metrics}.
 */
@ApplicationScoped
public class StreamMetrics {

    /** Why a {@code gap} frame was sent. */
    public enum GapReason { RETENTION, SLOW_CONSUMER }

    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicInteger tailTenants = new AtomicInteger();
    private final Counter delivered;
    private final Timer latency;
    private final Counter retentionGaps;
    private final Counter slowConsumerGaps;
    private final Timer appendLatency;
    private final Counter appended;
    private final Counter duplicates;
    private final MeterRegistry registry;
    private final Counter logStreamed;
    private final Map<String, AtomicInteger> activeSessions = new ConcurrentHashMap<>();
    private final DistributionSummary terminateLatency;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("dev.hotload.stream.subscribers", subscribers);
        registry.gauge("dev.hotload.stream.tail_tenants", tailTenants);
        delivered = Counter.builder("dev.hotload.stream.events_delivered")
                .description("SSE event frames written to subscribers").register(registry);
        // Histogram buckets only (quantiles come from histogram_quantile): client-side percentiles, recorded per
        // frame, cost a quarter of the event loops' time at 55,000 frames/s.
        latency = Timer.builder("dev.hotload.stream.delivery_latency")
                .description("event time to live frame written")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        appendLatency = Timer.builder("dev.hotload.stream.append_latency")
                .description("event time to appended to the replay stream (the ingest half of the delivery latency)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        retentionGaps = gaps("retention");
        slowConsumerGaps = gaps("slow-consumer");
        appended = Counter.builder("dev.hotload.stream.events_appended")
                .description("events appended to a replay stream").register(registry);
        duplicates = Counter.builder("dev.hotload.stream.events_duplicate")
                .description("redelivered events not appended again").register(registry);
        // The console's meters (docs/console.md). Prometheus derives the rate (log lines/s) from the counter.
        logStreamed = Counter.builder("admin.dev_hotload.log_throughput")
                .description("dev.session.log events written to SSE subscribers").register(registry);
        // A summary in milliseconds, not a Timer: the name says ms, and a Timer would be exported in seconds.
        terminateLatency = DistributionSummary.builder("admin.dev_hotload.terminate_latency_ms")
                .description("console terminate through the gateway's proxy: request sent to answer received, ms")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(60_000.0)
                .register(registry);
    }

    private Counter gaps(String reason) {
        return Counter.builder("dev.hotload.stream.gaps").tag("reason", reason)
                .description("gap frames sent").register(registry);
    }

    public void subscriberOpened() { subscribers.incrementAndGet(); }
    public void subscriberClosed() { subscribers.decrementAndGet(); }
    public int subscribers() { return subscribers.get(); }
    public void tailTenants(int count) { tailTenants.set(count); }

    /** {@code frames} event frames were written to one subscriber (counted once per write, not per frame). */
    public void delivered(int frames) {
        if (frames > 0) {
            delivered.increment(frames);
        }
    }

    /** An event frame is being written now; {@code eventTimeMillis > 0} for live frames, whose latency is recorded. */
    public void deliveredLatency(long eventTimeMillis) {
        if (eventTimeMillis > 0) {
            latency.record(Math.max(0, System.currentTimeMillis() - eventTimeMillis), TimeUnit.MILLISECONDS);
        }
    }

    /** A {@code dev.session.log} frame was handed to a subscriber's writer. */
    public void logStreamed() {
        logStreamed.increment();
    }

    /**
     * A tenant's active sessions, as the last session page proxied for its console reported them: one gauge per
     * tenant that has used the console (bounded by the tenants, not by sessions or requests).
     */
    public void activeSessions(String tenant, int count) {
        activeSessions.computeIfAbsent(tenant, t -> registry.gauge("admin.dev_hotload.active_sessions",
                List.of(Tag.of("tenant", t)), new AtomicInteger())).set(count);
    }

    /** A console terminate took {@code nanos} through the proxy. */
    public void terminateLatency(long nanos) {
        terminateLatency.record(nanos / 1_000_000.0);
    }

    public void gap(GapReason reason) {
        (reason == GapReason.RETENTION ? retentionGaps : slowConsumerGaps).increment();
    }

    /** An event reached its replay stream {@code millis} after it happened. */
    public void appended(long eventTimeMillis, long nowMillis) {
        appendLatency.record(Math.max(0, nowMillis - eventTimeMillis), TimeUnit.MILLISECONDS);
    }

    public void ingested(int appendedCount, int duplicateCount) {
        appended.increment(appendedCount);
        duplicates.increment(duplicateCount);
    }

    /** Events the ingest could not route (no tenant, malformed); counted by reason. */
    public void skipped(String reason) {
        registry.counter("dev.hotload.stream.events_skipped", "reason", reason).increment();
    }
}
