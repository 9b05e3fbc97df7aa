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
 * P1 (ARCHITECTURE.md): {@code POST /internal/dev/plugins/register} round trip, commit + outbox included, with N
 * concurrent clients, against the floor of a bare PostgreSQL INSERT round trip with the same concurrency, same run,
 * same server. Runs against a suite started by {@code deploy/local/up}; registers as its own tenant and purges it after.
 */
public final class RegisterBench {

    public static void main(String[] args) throws Exception {
        String base = arg(args, "--base", "http://127.0.0.1:8081");
        String pg = arg(args, "--pg", "jdbc:postgresql://127.0.0.1:15432/postgres");
        int clients = Integer.parseInt(arg(args, "--clients", "50"));
        int perClient = Integer.parseInt(arg(args, "--requests", "100"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "20"));
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

        System.out.printf("P1 register: %d clients x %d requests (after %d warm-up each), tenants bench-%s-*%n", clients, perClient, warmup, run);
        LatencyReport floor = floor(pg, clients, perClient, warmup);
        LatencyReport register = run("register (HTTP, commit + outbox)", clients, perClient, warmup, () -> {
            if (clientToken.get() == null) clientToken.set(tokens.get(nextClient.getAndIncrement()));
            String token = clientToken.get();
            String body = "{\"pluginId\":\"bench." + UUID.randomUUID() + "\",\"version\":\"1.0.0\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/dev/plugins/register"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
        });
        System.out.println(LatencyReport.header());
        System.out.println(floor.row());
        System.out.println(register.row());
        System.out.printf("target: register p95 <= 20 ms; p95 over floor: %.2f ms%n", register.ms(95) - floor.ms(95));

        // Leave nothing behind: end and delete the bench tenants' sessions.
        for (String token : tokens) {
            http.send(HttpRequest.newBuilder(URI.create(base + "/internal/dev/plugins/sessions?status=pending,active,terminated,expired&force=true&confirm=true"))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The floor: the same number of clients each doing INSERT round trips (autocommit) on the same server. */
    private static LatencyReport floor(String jdbcUrl, int clients, int perClient, int warmup) throws Exception {
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
        LatencyReport report = run("floor: bare PostgreSQL INSERT round trip", clients, perClient, warmup, () -> {
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

    private static LatencyReport run(String name, int clients, int perClient, int warmup, Call call) throws Exception {
        Histogram histogram = LatencyReport.newHistogram();
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            // Platform threads: the floor's JDBC connections are per thread.
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < warmup + perClient; i++) {
                        long t0 = System.nanoTime();
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
