package com.powerx.devhotload.bench;

import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P1 (docs/architecture.md): {@code POST /internal/dev/plugins/register} round trip, commit + outbox included, with N
 * concurrent clients, against the floor of a bare PostgreSQL INSERT round trip with the same concurrency, same run,
 * same server. Runs against a suite started by {@code deploy/local/up}; registers as its own tenants and purges them after.
 *
 * <p>Two load models, both reported. <b>open</b>: each client sends at a fixed rate ({@code --rate} per second) and
 * latency is taken from the moment the request was due, so a stalled server is not hidden by clients that wait for it
 * (no coordinated omission) — the model of 50 developers working at once. <b>closed</b>: each client sends its next
 * request as soon as the last one answered; that measures capacity, and by Little's law its latency is simply
 * clients / throughput, whatever the server does per request.
 */
public final class RegisterBench {

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--base", "http://127.0.0.1:8081");
        String pg = arg(args, "--pg", "jdbc:postgresql://127.0.0.1:15432/postgres");
        int clients = Integer.parseInt(arg(args, "--clients", "50"));
        int perClient = Integer.parseInt(arg(args, "--requests", "100"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "20"));
        double rate = Double.parseDouble(arg(args, "--rate", "1"));
        String mode = arg(args, "--mode", "both");
        // One tenant per client, as 50 developers would be: the per-tenant rate limit (120/min) then applies per client.
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalTokens keys = LocalTokens.inDirectory(Path.of(arg(args, "--keys", "deploy/local/.data/keys")));
        List<String> tokens = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            tokens.add(keys.mint("bench-" + run + "-" + c, "bench", List.of("admin.devHotload.manage")));
        }
        ThreadLocal<String> clientToken = new ThreadLocal<>();
        AtomicInteger nextClient = new AtomicInteger();
        // HTTP/1.1: the JDK client would otherwise multiplex every client over one h2c connection, i.e. one server event loop.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

        System.out.printf("P1 register: %d clients x %d requests (after %d warm-up each), mode %s, open-loop rate %.2f/s per client, tenants bench-%s-*%n",
                clients, perClient, warmup, mode, rate, run);
        Call register = () -> {
            if (clientToken.get() == null) clientToken.set(tokens.get(nextClient.getAndIncrement() % clients));
            String token = clientToken.get();
            String body = "{\"pluginId\":\"bench." + UUID.randomUUID() + "\",\"version\":\"1.0.0\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/dev/plugins/register"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
        };
        List<LatencyReport> reports = new java.util.ArrayList<>();
        if (!mode.equals("closed")) {
            String load = String.format(java.util.Locale.ROOT, "open, %d x %.1f/s", clients, rate);
            reports.add(floor(pg, clients, perClient, warmup, rate, "floor: bare PostgreSQL INSERT (" + load + ")"));
            reports.add(run("register, HTTP incl. commit + outbox (" + load + ")", clients, perClient, warmup, rate, register));
        }
        if (!mode.equals("open")) {
            String load = "closed, " + clients + " clients";
            reports.add(floor(pg, clients, perClient, warmup, 0, "floor: bare PostgreSQL INSERT (" + load + ")"));
            reports.add(run("register, HTTP incl. commit + outbox (" + load + ")", clients, perClient, warmup, 0, register));
        }
        System.out.println(LatencyReport.header());
        reports.forEach(r -> System.out.println(r.row()));
        System.out.println("target: register p95 <= 20 ms (open loop: the arrival rate is fixed, so this is the latency 50 working developers see)");

        // Leave nothing behind: end and delete the bench tenants' sessions.
        for (String token : tokens) {
            http.send(HttpRequest.newBuilder(URI.create(base + "/internal/dev/plugins/sessions?status=pending,active,terminated,expired&force=true&confirm=true"))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The floor: the same number of clients each doing INSERT round trips (autocommit) on the same server. */
    private static LatencyReport floor(String jdbcUrl, int clients, int perClient, int warmup, double rate, String name) throws Exception {
        try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            admin.createStatement().execute("CREATE TABLE IF NOT EXISTS px_bench_floor (id uuid PRIMARY KEY, payload text, at timestamptz DEFAULT now())");
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        LatencyReport report = run(name, clients, perClient, warmup, rate, () -> {
            try (var st = connections.get().prepareStatement("INSERT INTO px_bench_floor (id, payload) VALUES (?, ?)")) {
                st.setObject(1, UUID.randomUUID());
                st.setString(2, "{\"pluginId\":\"bench\"}");
                st.executeUpdate();
            }
        });
        try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            admin.createStatement().execute("DROP TABLE px_bench_floor");
        }
        return report;
    }

    interface Call {
        void run() throws Exception;
    }

    /** {@code rate} > 0: open loop at that many requests per second per client; 0: closed loop. */
    private static LatencyReport run(String name, int clients, int perClient, int warmup, double rate, Call call) throws Exception {
        Histogram histogram = LatencyReport.newHistogram();
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            // Platform threads: the floor's JDBC connections are per thread.
            long intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
            // Clients start spread over one interval, as independent developers would, not in lock step.
            long first = start + (rate > 0 ? intervalNanos * c / clients : 0);
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < warmup + perClient; i++) {
                        long t0 = System.nanoTime();
                        if (intervalNanos > 0) {
                            long due = first + i * intervalNanos;
                            if (due > t0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
                            }
                            t0 = due; // latency counts from when the request was due (no coordinated omission)
                        }
                        call.run();
                        long t = System.nanoTime() - t0;
                        if (i >= warmup) {
                            synchronized (histogram) {
                                histogram.recordValue(t);
                            }
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.err.println(name + ": " + e.getMessage());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " clients failed in " + name);
        }
        return new LatencyReport(name, histogram, (System.nanoTime() - start) / 1e9);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return args[i + 1];
        }
        return fallback;
    }
}
