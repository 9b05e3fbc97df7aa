package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * telemetry-ingest's intake throughput: {@code --clients} CLIs each posting batches of {@code --batch} events as fast
 * as the answers come, every accepted event on Kafka with acks=all before its 202. Reported as events/s and, from the
 * service process's own CPU time (/proc/{pid}/stat, {@code --pid}), as events per CPU-second, i.e. per core.
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        String url = RegisterBench.arg(args, "--telemetry-url", "http://127.0.0.1:8086") + "/internal/dev/telemetry";
        int clients = Integer.parseInt(RegisterBench.arg(args, "--clients", "4"));
        int batch = Integer.parseInt(RegisterBench.arg(args, "--batch", "200"));
        int seconds = Integer.parseInt(RegisterBench.arg(args, "--seconds", "30"));
        long pid = Long.parseLong(RegisterBench.arg(args, "--pid", "0"));
        String tenant = "bench-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        String token = LocalTokens.inDirectory(Path.of(RegisterBench.arg(args, "--keys", "deploy/local/.data/keys")))
                .mint(tenant, "bench", List.of());
        System.out.printf("ingest: %d clients x batches of %d events for %d s, tenant %s%n", clients, batch, seconds, tenant);

        run(url, token, clients, batch, 3, null); // warm-up
        AtomicLong accepted = new AtomicLong();
        Histogram latency = LatencyReport.newHistogram();
        double cpuBefore = cpuSeconds(pid);
        long t0 = System.nanoTime();
        run(url, token, clients, batch, seconds, new Counters(accepted, latency));
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        System.out.println(LatencyReport.header());
        System.out.println(new LatencyReport("POST /internal/dev/telemetry (batch of " + batch + ")", latency, wall).row());
        System.out.printf("accepted %d events in %.1f s: %.0f events/s", accepted.get(), wall, accepted.get() / wall);
        System.out.println(pid > 0 ? String.format("; service CPU %.1f s: %.0f events per CPU-second (per core)", cpu, accepted.get() / cpu) : "");
    }

    private record Counters(AtomicLong accepted, Histogram latency) {
    }

    private static void run(String url, String token, int clients, int batch, int seconds, Counters counters) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        JsonNode answer = post(url, token, body(batch));
                        if (counters != null) {
                            counters.latency().recordValue(System.nanoTime() - t);
                            counters.accepted().addAndGet(answer.at("/data/accepted").asLong());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String body(int batch) throws Exception {
        ObjectNode body = SuiteClient.JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        String now = Instant.now().toString();
        for (int i = 0; i < batch; i++) {
            events.addObject().put("name", "dev.hotload.cli_build_time_ms").put("timestamp", now)
                    .put("pluginId", "com.acme.bench" + (i % 10)).put("value", 50 + i % 400);
        }
        return SuiteClient.JSON.writeValueAsString(body);
    }

    private static JsonNode post(String url, String token, String body) throws Exception {
        HttpResponse<String> r = SuiteClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new IllegalStateException("telemetry answered " + r.statusCode() + ": " + r.body());
        return SuiteClient.JSON.readTree(r.body());
    }

    /** utime + stime of the process, from /proc (clock ticks of 1/100 s); 0 without a pid. */
    static double cpuSeconds(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
