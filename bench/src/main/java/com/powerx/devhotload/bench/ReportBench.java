package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

import static com.powerx.devhotload.bench.RegisterBench.arg;

/**
 * P5 (docs/architecture.md): a warning or critical alert → its report ready, with {@code --lines} (10,000) log lines in
 * the window. Per report: an {@code external} session is registered (session-service Dev API), its lines go to
 * {@code dev.session.log} (spread over the 10 min before the alert), then a {@code plugin.debug.alert} for it goes to
 * Kafka, and the time runs from just before that send until a plain consumer receives the report's
 * {@code plugin.debug.report.ready}. Variants: {@code stored} raises the alert only once the evidence store holds every
 * line (read through the log export), so the figure is report generation alone; {@code immediate} raises it as soon as
 * Kafka acknowledged the last line, so the figure includes the store catching up. Alongside: the same interval in the
 * events' own {@code time} fields (alert → ready, stamped by the producers), the report's {@code generationMs}, and as
 * the floor the collector's window query alone, read over JDBC from the same database in the same run.
 */
public final class ReportBench {

    private record Setup(Producer<String, byte[]> producer, Diagnostics diag, ReportEvents events, String sessionUrl, String token,
                         String tenant, int lines, long spanMillis, Connection pg) {
    }

    private record Sample(long toStoreNanos, long alertToReadyNanos, long eventTimeMillis, long generationMs, long floorNanos,
                          boolean fallback, String failure) {
    }

    public static void main(String[] args) throws Exception {
        int reports = Integer.parseInt(arg(args, "--reports", "25"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "2"));
        String variant = arg(args, "--variant", "both");
        String tenant = "bench-p5-" + UUID.randomUUID().toString().substring(0, 8);
        String token = LocalTokens.inDirectory(Path.of(arg(args, "--keys", "deploy/local/.data/keys")))
                .mint(tenant, "bench", List.of("admin.devHotload.manage"));
        String kafka = arg(args, "--kafka", "127.0.0.1:19092");
        try (Producer<String, byte[]> producer = BenchEvents.producer(kafka); ReportEvents events = new ReportEvents(kafka);
             Connection pg = DriverManager.getConnection(arg(args, "--pg", "jdbc:postgresql://127.0.0.1:15432/px_diagnostics"), "postgres", "postgres")) {
            Setup s = new Setup(producer, new Diagnostics(arg(args, "--diagnostics-url", "http://127.0.0.1:8084"), token), events,
                    arg(args, "--session-url", "http://127.0.0.1:8081"), token, tenant, Integer.parseInt(arg(args, "--lines", "10000")),
                    Long.parseLong(arg(args, "--span-seconds", "600")) * 1000, pg);
            System.out.printf("P5 report: %d reports per variant (%s) after %d warm-up, %d log lines each, tenant %s%n",
                    reports, variant, warmup, s.lines(), tenant);
            for (int i = 0; i < warmup; i++) {
                one(s, "warmup-" + i, true);
            }
            System.out.println(LatencyReport.header());
            System.out.println(SuiteClient.kafkaRoundTrip(kafka, 50).row());
            for (String v : variant.equals("both") ? List.of("stored", "immediate") : List.of(variant)) {
                series(s, v, reports);
            }
            System.out.println("target: P5 alert -> report ready P95 <= 3 s");
        }
    }

    private static void series(Setup s, String variant, int reports) throws Exception {
        double countBefore = s.diag().metric("debug_report_generate_ms_seconds_count");
        double sumBefore = s.diag().metric("debug_report_generate_ms_seconds_sum");
        List<Sample> samples = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < reports; i++) {
            samples.add(one(s, variant + "-" + i, variant.equals("stored")));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<Sample> failed = samples.stream().filter(x -> x.failure() != null).toList();
        failed.forEach(x -> System.out.println("FAILED (never ready, counted as a miss): " + x.failure()));
        samples = samples.stream().filter(x -> x.failure() == null).toList();
        String lines = String.format(Locale.ROOT, "%,d", s.lines());
        String what = variant.equals("stored") ? "lines stored before the alert" : "alert right after the lines' acks";
        print("lines produced -> all " + lines + " stored (log export sees them)", samples, Sample::toStoreNanos, seconds, variant.equals("stored"));
        print("floor: the window query alone (" + lines + " rows, JDBC)", samples, Sample::floorNanos, seconds, true);
        print("report generationMs (claim -> rendered, from the report)", samples, x -> x.generationMs() * 1_000_000, seconds, true);
        print("alert time -> report.ready time (events' own time fields)", samples, x -> x.eventTimeMillis() * 1_000_000, seconds, true);
        print("**P5: alert published -> plugin.debug.report.ready consumed (" + what + ")**", samples, Sample::alertToReadyNanos, seconds, true);
        double n = s.diag().metric("debug_report_generate_ms_seconds_count") - countBefore;
        double mean = (s.diag().metric("debug_report_generate_ms_seconds_sum") - sumBefore) / Math.max(1, n) * 1000;
        System.out.printf(Locale.ROOT, "%s: %d of %d reports ready, %d failed; server debug.report.generate_ms over the ready ones: mean %.0f"
                + " ms; %d used the gateway fallback; /q/metrics now:%n", variant, samples.size(), reports, failed.size(), mean,
                samples.stream().filter(Sample::fallback).count());
        s.diag().lines("debug_report_generate_ms").forEach(l -> System.out.println("  " + l));
    }

    private static void print(String name, List<Sample> samples, ToLongFunction<Sample> value, double seconds, boolean show) {
        if (!show) {
            return;
        }
        Histogram h = LatencyReport.newHistogram();
        samples.forEach(x -> h.recordValue(Math.max(0, value.applyAsLong(x))));
        System.out.println(new LatencyReport(name, h, seconds).row());
    }

    /** One session, its lines, its alert, its report. */
    private static Sample one(Setup s, String name, boolean waitStored) throws Exception {
        String plugin = "com.acme.p5-" + name;
        String session = Diagnostics.registerExternal(s.sessionUrl(), s.token(), plugin);
        List<LogMix.Line> lines = LogMix.lines(s.lines(), new Random(name.hashCode()));
        Instant end = Instant.now();
        List<ProducerRecord<String, byte[]>> records = BenchEvents.logs(s.tenant(), plugin, session, lines, end, s.spanMillis());
        long t0 = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>(records.size());
        records.forEach(r -> acks.add(s.producer().send(r)));
        for (Future<?> ack : acks) {
            ack.get();
        }
        if (waitStored) {
            s.diag().awaitStored(session, "error", LogMix.errors(lines), 120);
        }
        long stored = System.nanoTime() - t0;
        CloudEvent alert = BenchEvents.alert(s.tenant(), plugin, session, name.hashCode() % 2 == 0 ? "warning" : "critical",
                end.minusMillis(s.spanMillis()));
        long sent = System.nanoTime();
        s.producer().send(BenchEvents.record(alert)).get();
        ReportEvents.Seen ready = s.events().awaitReady(alert.data().path("alertId").asText(), session, 120);
        if (!EventTypes.REPORT_READY.equals(ready.event().type())) {
            return new Sample(stored, 0, 0, 0, 0, false, name + ": " + ready.event().data());
        }
        long took = ready.receivedNanos() - sent;
        long eventTime = CloudEvent.parseTime(ready.event().time()) - CloudEvent.parseTime(alert.time());
        JsonNode report = s.diag().report(ready.event().data().path("reportId").asText());
        check(report, s.lines(), name);
        return new Sample(stored, took, eventTime, report.path("generationMs").asLong(), floor(s, session, end), report.at("/evidence/fallback/used").asBoolean(),
                null);
    }

    private static void check(JsonNode report, int lines, String name) {
        long seen = report.at("/evidence/logLines").asLong();
        if (!"ready".equals(report.path("status").asText()) || seen != lines) {
            throw new IllegalStateException("report " + name + " is " + report.path("status").asText() + " with " + seen + " log lines, not " + lines);
        }
    }

    /** The collector's window read (EvidenceRepository.window) over JDBC, every column read. */
    private static long floor(Setup s, String session, Instant end) throws Exception {
        long t0 = System.nanoTime();
        try (PreparedStatement q = s.pg().prepareStatement("SELECT event_time, event_id, tenant_id, plugin_id, session_id, trace_id, type,"
                + " source, source_seq, level, message, data FROM evidence WHERE tenant_id = ? AND session_id = ? AND event_time >= ?"
                + " AND event_time <= ? ORDER BY event_time DESC, source_seq DESC LIMIT 50000")) {
            q.setString(1, s.tenant());
            q.setString(2, session);
            q.setTimestamp(3, Timestamp.from(end.minusMillis(s.spanMillis()).minusSeconds(900)));
            q.setTimestamp(4, Timestamp.from(end.plusSeconds(5)));
            int n = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    for (int c = 1; c <= 12; c++) {
                        rs.getString(c);
                    }
                    n++;
                }
            }
            if (n < s.lines()) throw new IllegalStateException("floor read " + n + " rows");
        }
        return System.nanoTime() - t0;
    }
}
