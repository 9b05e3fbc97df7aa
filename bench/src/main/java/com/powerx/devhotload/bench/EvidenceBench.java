package com.powerx.devhotload.bench;

import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.LocalTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;

import static com.powerx.devhotload.bench.RegisterBench.arg;

/**
 * diagnostics-service's evidence ingest rate: {@code --events} log events (200,000) of {@code --sessions} external
 * sessions in {@code --tenants} tenants produced to {@code dev.session.log} as fast as Kafka takes them (built and
 * encoded beforehand), and the lines stored per second, read from the service's counter
 * {@code debug_evidence_ingested_total} on /q/metrics (incremented after each poll's transaction committed), sampled
 * every 200 ms. Reported: the rate from the first send until the last line is stored, the steady rate (10 % → 90 %
 * of the lines), the best second, the service's CPU time (lines per CPU-second), and as the floor a plain Kafka
 * consumer reading the same records in the same run. One session's lines are then exported to check none is missing.
 */
public final class EvidenceBench {

    private record Sessions(List<String> ids, List<String> tokens, List<ProducerRecord<String, byte[]>> records) {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(arg(args, "--events", "200000"));
        int sessionCount = Integer.parseInt(arg(args, "--sessions", "20"));
        int tenants = Integer.parseInt(arg(args, "--tenants", "4"));
        String kafka = arg(args, "--kafka", "127.0.0.1:19092");
        String diagUrl = arg(args, "--diagnostics-url", "http://127.0.0.1:8084");
        long pid = Long.parseLong(arg(args, "--pid", String.valueOf(Diagnostics.pid("diagnostics-service"))));
        Sessions s = sessions(args, events / sessionCount, sessionCount, tenants);
        Diagnostics diag = new Diagnostics(diagUrl, s.tokens().getFirst());
        System.out.printf("evidence ingest: %,d log events of %d sessions in %d tenants to %s%n", s.records().size(), sessionCount,
                tenants, Topics.SESSION_LOG);
        double base = quiet(diag);
        Map<TopicPartition, Long> from = endOffsets(kafka);
        double cpu0 = IngestBench.cpuSeconds(pid);
        List<double[]> samples = new ArrayList<>(); // {seconds since start, stored}
        long t0 = System.nanoTime();
        double produced = produce(kafka, s.records(), t0);
        while (samples.isEmpty() || samples.getLast()[1] < s.records().size()) {
            samples.add(new double[] {(System.nanoTime() - t0) / 1e9, diag.metric("debug_evidence_ingested_total") - base});
            if (samples.getLast()[0] > 600) throw new IllegalStateException("only " + samples.getLast()[1] + " stored after 600 s");
            Thread.sleep(200);
        }
        double cpu = IngestBench.cpuSeconds(pid) - cpu0;
        report(samples, s.records().size(), produced, cpu);
        System.out.printf(Locale.ROOT, "floor: a plain Kafka consumer read the same records at %,.0f records/s%n", floor(kafka, from, s.records().size()));
        int exported = diag.exportedLines(s.ids().getFirst(), "debug");
        System.out.printf("check: the log export of session %s returns %,d of %,d lines%n", s.ids().getFirst(), exported, events / sessionCount);
        System.out.println("compared with: P7's 5,000 lines/s (50 sessions x 100 lines/s)");
    }

    /** Registers the sessions and builds their lines, interleaved by session as concurrent sessions write them. */
    private static Sessions sessions(String[] args, int perSession, int count, int tenants) throws Exception {
        LocalTokens keys = LocalTokens.inDirectory(Path.of(arg(args, "--keys", "deploy/local/.data/keys")));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<List<ProducerRecord<String, byte[]>>> perSessionRecords = new ArrayList<>();
        Instant end = Instant.now();
        for (int i = 0; i < count; i++) {
            String tenant = "bench-evidence-" + run + "-" + i % tenants;
            String token = keys.mint(tenant, "bench", List.of("admin.devHotload.manage"));
            String plugin = "com.acme.ingest-" + i;
            String session = Diagnostics.registerExternal(arg(args, "--session-url", "http://127.0.0.1:8081"), token, plugin);
            ids.add(session);
            tokens.add(token);
            perSessionRecords.add(BenchEvents.logs(tenant, plugin, session, LogMix.lines(perSession, new Random(i)), end, 600_000));
        }
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(perSession * count);
        for (int line = 0; line < perSession; line++) {
            for (List<ProducerRecord<String, byte[]>> r : perSessionRecords) {
                all.add(r.get(line));
            }
        }
        return new Sessions(ids, tokens, all);
    }

    /** Waits until the counter has not moved for 2 s (the registrations' events stored); its value. */
    private static double quiet(Diagnostics diag) throws Exception {
        double last = -1;
        for (int stable = 0; stable < 10; ) {
            double now = diag.metric("debug_evidence_ingested_total");
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(200);
        }
        return last;
    }

    /** Sends everything, waits for every ack; the seconds from {@code t0} until the last ack. */
    private static double produce(String kafka, List<ProducerRecord<String, byte[]>> records, long t0) throws Exception {
        try (Producer<String, byte[]> producer = BenchEvents.producer(kafka)) {
            List<Future<?>> acks = new ArrayList<>(records.size());
            records.forEach(r -> acks.add(producer.send(r)));
            for (Future<?> ack : acks) {
                ack.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static void report(List<double[]> samples, int n, double produced, double cpu) {
        double end = samples.getLast()[0];
        double[] at10 = first(samples, n * 0.1);
        double[] at90 = first(samples, n * 0.9);
        double best = 0;
        for (int i = 0, j = 0; i < samples.size(); i++) {
            while (samples.get(i)[0] - samples.get(j)[0] > 1.0) j++;
            if (samples.get(i)[0] - samples.get(j)[0] >= 0.8) best = Math.max(best, (samples.get(i)[1] - samples.get(j)[1]) / (samples.get(i)[0] - samples.get(j)[0]));
        }
        System.out.printf(Locale.ROOT, "produced (all acked, acks=all) in %.1f s: %,.0f events/s%n", produced, n / produced);
        System.out.printf(Locale.ROOT, "stored %,d lines in %.1f s from the first send: **%,.0f lines/s**; steady (10%% -> 90%%) %,.0f lines/s;"
                + " best second %,.0f lines/s%n", n, end, n / end, (at90[1] - at10[1]) / (at90[0] - at10[0]), best);
        if (cpu > 0) {
            System.out.printf(Locale.ROOT, "diagnostics-service CPU %.1f s: %,.0f lines per CPU-second%n", cpu, n / cpu);
        }
    }

    private static double[] first(List<double[]> samples, double stored) {
        return samples.stream().filter(x -> x[1] >= stored).findFirst().orElse(samples.getLast());
    }

    private static Map<TopicPartition, Long> endOffsets(String kafka) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
            return c.endOffsets(c.partitionsFor(Topics.SESSION_LOG).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList());
        }
    }

    /** Records/s of a plain consumer reading {@code n} records from {@code from}. */
    private static double floor(String kafka, Map<TopicPartition, Long> from, int n) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            long t0 = System.nanoTime();
            long read = 0;
            while (read < n && System.nanoTime() - t0 < 120_000_000_000L) {
                read += c.poll(Duration.ofMillis(200)).count();
            }
            return read / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG,
                "px-bench-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
