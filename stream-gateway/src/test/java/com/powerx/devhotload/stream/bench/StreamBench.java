package com.powerx.devhotload.stream.bench;

import com.powerx.devhotload.platform.kafka.EventProducers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.Producer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks P3 and P7 (docs/architecture.md) against running gateway process(es), with the raw Kafka produce→consume
 * latency of the same events as the floor, plus a reconnect storm and a two-replica id check. Run by
 * {@code bench/stream/run}, which starts the infrastructure and the gateways; results are printed as Markdown.
 */
public final class StreamBench {

    private static final String TENANT = "local"; // the loopback developer of local mode: no token needed

    private final Map<String, String> options;
    private final List<URI> gateways = new ArrayList<>();
    /** Each gateway's /q/metrics when the timed part of a run began. */
    private final Map<URI, CompletableFuture<String>> atWarmupEnd = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Long> gatewayPids = new ArrayList<>();
    private final String kafka;
    private final String redis;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http;
    private final Producer<String, byte[]> producer;
    private final KafkaFloor floor;
    private final StringBuilder report = new StringBuilder();

    private StreamBench(Map<String, String> options) {
        this.options = options;
        for (String g : options.get("gateways").split(",")) {
            gateways.add(URI.create(g));
        }
        for (String p : options.getOrDefault("gateway-pids", "").split(",")) {
            if (!p.isBlank()) gatewayPids.add(Long.parseLong(p.trim()));
        }
        kafka = options.get("kafka");
        redis = options.getOrDefault("redis", "");
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(20_000).setMaxWaitQueueSize(-1));
        producer = EventProducers.create(kafka, "stream-bench");
        floor = new KafkaFloor(kafka);
    }

    public static void main(String[] args) throws Exception {
        // Outside Quarkus nothing configures the JBoss LogManager that the test classpath binds slf4j to, and its
        // unconfigured root logs everything: the Kafka clients then format TRACE messages for every request (13 %
        // of this process's CPU in a profile), stealing cores from the system under test.
        org.jboss.logmanager.LogContext.getLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        StreamBench bench = new StreamBench(options);
        try {
            bench.run();
        } finally {
            bench.close();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        line("## stream-gateway benchmark run " + java.time.Instant.now() + " (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + gateways.size() + " gateway replica(s), load average at start " + loadAverage() + ")");
        line("");
        waitFor("the floor consumer's assignment", floor::assigned, 60_000);
        for (String scenario : options.getOrDefault("scenarios", "replicas,p3,p7,storm").split(",")) {
            switch (scenario.trim()) {
                case "replicas" -> replicas();
                case "p3" -> p3();
                case "p7" -> p7();
                case "storm" -> storm();
                case "ingest" -> ingest();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        line("Load average at the end: " + loadAverage() + ".");
        String out = options.get("out");
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
        }
    }

    // ---- P3: event on Kafka → SSE frame, many subscribers ---------------------------------------------------------

    private void p3() throws Exception {
        int subscribers = intOption("p3-subscribers", 1000);
        int firehoses = intOption("p3-firehoses", 2);
        int rate = intOption("p3-rate", 1000);
        int seconds = intOption("p3-seconds", 30);
        int warmupSeconds = intOption("warmup-seconds", 30);
        String run = "p3-" + shortId();
        List<String> sessions = registerSessions(subscribers);
        Recorder perSession = new Recorder(3);
        Recorder firehose = new Recorder(3);
        long warmup = (long) rate * warmupSeconds;
        List<BenchSubscriber> sessionSubs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            sessionSubs.add(subscriber("/internal/dev/plugins/stream?sessionId=" + sessions.get(i), i, run, perSession, warmup, false));
        }
        List<BenchSubscriber> firehoseSubs = new ArrayList<>();
        for (int i = 0; i < firehoses; i++) {
            firehoseSubs.add(subscriber("/internal/dev/plugins/stream", i, run, firehose, warmup, false));
        }
        connectAll(sessionSubs);
        connectAll(firehoseSubs);
        floor.measure(run, warmup);
        long published = publish(run, sessions, rate, seconds + warmupSeconds, warmup);
        long expected = published + published * firehoses;
        waitFor("P3 frames", () -> total(sessionSubs) + total(firehoseSubs) >= expected, 60_000);
        long lost = expected - total(sessionSubs) - total(firehoseSubs);
        sessionSubs.forEach(BenchSubscriber::close);
        firehoseSubs.forEach(BenchSubscriber::close);

        line("### P3 — event on Kafka → SSE frame at the client");
        line(String.format(Locale.ROOT, "%d session subscribers (one per session, `?sessionId=`) + %d firehose subscribers "
                + "(whole tenant), %d events/s for %d s (first %d s are warm-up, not timed); %d events, %d frames expected, "
                + "%d lost.", subscribers, firehoses, rate, seconds + warmupSeconds, warmupSeconds, published, expected, lost));
        line("");
        line(header());
        line(row("SSE, session subscribers", perSession.getIntervalHistogram()));
        line(row("SSE, firehose subscribers", firehose.getIntervalHistogram()));
        line(row("floor: raw Kafka produce→consume", floor.latency().getIntervalHistogram()));
        line("");
        line("Gateway's own timers (event time → frame written; → appended), ms clock, timed part of the run: " + serverLatency());
        line("");
    }

    // ---- P7: 50 sessions × 100 log lines/s through to SSE --------------------------------------------------------

    private void p7() throws Exception {
        int sessionCount = intOption("p7-sessions", 50);
        int linesPerSecond = intOption("p7-lines", 100);
        int watchers = intOption("p7-watchers", 10);
        int seconds = intOption("p7-seconds", 60);
        int warmupSeconds = intOption("warmup-seconds", 30);
        int rate = sessionCount * linesPerSecond;
        String run = "p7-" + shortId();
        List<String> sessions = registerSessions(sessionCount);
        long warmup = (long) rate * warmupSeconds;
        Recorder cli = new Recorder(3);
        Recorder admin = new Recorder(3);
        List<BenchSubscriber> cliSubs = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            cliSubs.add(subscriber("/api/v1/dev/" + sessions.get(i) + "/logs", i, run, cli, warmup, false));
        }
        List<BenchSubscriber> adminSubs = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            adminSubs.add(subscriber("/internal/dev/plugins/stream?types=dev.session.log", i, run, admin, warmup, false));
        }
        connectAll(cliSubs);
        connectAll(adminSubs);
        floor.measure(run, warmup);
        long published = publish(run, sessions, rate, seconds + warmupSeconds, warmup);
        long expected = published + published * watchers;
        waitFor("P7 frames", () -> total(cliSubs) + total(adminSubs) >= expected, 120_000);
        long lostCli = published - total(cliSubs);
        long lostAdmin = published * watchers - total(adminSubs);
        cliSubs.forEach(BenchSubscriber::close);
        adminSubs.forEach(BenchSubscriber::close);

        line("### P7 — " + sessionCount + " sessions × " + linesPerSecond + " log lines/s through to SSE");
        line(String.format(Locale.ROOT, "%d log lines/s for %d s (first %d s warm-up); %d Go-CLI log streams "
                + "(`/api/v1/dev/{id}/logs`, one per session) and %d admin watchers of every line; %d lines published, "
                + "lost: %d on CLI streams, %d on admin watchers.", rate, seconds + warmupSeconds, warmupSeconds,
                sessionCount, watchers, published, lostCli, lostAdmin));
        line("");
        line(header());
        line(row("SSE, CLI log streams", cli.getIntervalHistogram()));
        line(row("SSE, admin watchers", admin.getIntervalHistogram()));
        line(row("floor: raw Kafka produce→consume", floor.latency().getIntervalHistogram()));
        line("");
        line("Gateway's own timers (event time → frame written; → appended), ms clock, timed part of the run: " + serverLatency());
        line("");
    }

    // ---- ingest capacity: how fast the gateway appends a backlog -------------------------------------------------

    private void ingest() throws Exception {
        int events = intOption("ingest-events", 50_000);
        List<String> sessions = registerSessions(50);
        double before = appendedTotal();
        String run = "ingest-" + shortId();
        long start = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            acks.add(BenchEvents.sendLog(producer, TENANT, sessions.get(i % sessions.size()), run, i));
        }
        for (Future<?> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
        double published = (System.nanoTime() - start) / 1e9;
        waitFor("the backlog appended", () -> appendedTotal() - before >= events, 300_000);
        double appended = (System.nanoTime() - start) / 1e9;
        line("### Ingest capacity");
        line(String.format(Locale.ROOT, "%d log events published as fast as the producer goes (%.1f s, %.0f/s); all "
                + "appended to the replay stream after %.1f s: **%.0f events/s** through Kafka → gateway → Redis.",
                events, published, events / published, appended, events / appended));
        line("");
        line("Redis's cost of the append script so far: `" + RedisProbe.scriptCost(redis) + "`.");
        line("");
    }

    private double appendedTotal() {
        double total = 0;
        for (URI g : gateways) {
            total += sample(get(g, "/q/metrics"), "dev_hotload_stream_events_appended_total");
        }
        return total;
    }

    // ---- reconnect storm ------------------------------------------------------------------------------------------

    private void storm() throws Exception {
        int cycles = intOption("storm-cycles", 10_000);
        int concurrency = intOption("storm-concurrency", 16);
        List<String> sessions = registerSessions(20);
        String before = resources();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                String uri = switch (n % 4) {
                    case 0 -> "/internal/dev/plugins/stream";
                    case 1 -> "/internal/dev/plugins/stream?sessionId=" + sessions.get(n % sessions.size());
                    case 2 -> "/api/v1/dev/" + sessions.get(n % sessions.size()) + "/logs";
                    default -> "/internal/dev/plugins/stream?last_event_id=0&types=dev.session.registered";
                };
                BenchSubscriber s = subscriber(uri, n, "storm", new Recorder(3), 0, false);
                try {
                    if (s.connect().get(30, TimeUnit.SECONDS) == 200) ok.incrementAndGet(); else failed.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    s.close();
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - started) / 1e9;
        Thread.sleep(5000);
        String after = resources();
        line("### Reconnect storm");
        line(String.format(Locale.ROOT, "%d connect/disconnect cycles (%d concurrent; plain, session-filtered, CLI log, "
                + "replay-from-0 streams) in %.1f s: %d opened, %d failed.", cycles, concurrency, secs, ok.get(), failed.get()));
        line("");
        line("| when | " + RESOURCE_COLUMNS + " |");
        line("|---|---|---|---|---|---|---|");
        line("| before | " + before + " |");
        line("| 5 s after | " + after + " |");
        line("");
    }

    private static final String RESOURCE_COLUMNS =
            "subscribers gauge | tailed tenants | Redis tail connections | gateway open fds | gateway RSS MiB | heap used MiB";

    private String resources() {
        double subscribers = 0;
        double tenants = 0;
        double heap = 0;
        for (URI g : gateways) {
            String metrics = get(g, "/q/metrics");
            subscribers += sample(metrics, "dev_hotload_stream_subscribers");
            tenants += sample(metrics, "dev_hotload_stream_tail_tenants");
            heap += sumSamples(metrics, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\}") / (1 << 20);
        }
        long fds = 0;
        long rss = 0;
        for (long pid : gatewayPids) {
            try {
                fds += Files.list(Path.of("/proc/" + pid + "/fd")).count();
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("VmRSS:")) rss += Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            } catch (IOException e) {
                // not on this machine
            }
        }
        return String.format(Locale.ROOT, "%.0f | %.0f | %d | %d | %d | %.0f", subscribers, tenants, RedisProbe.tailConnections(redis),
                fds, rss, heap);
    }

    // ---- two replicas serve the same ids ----------------------------------------------------------------------------

    private void replicas() throws Exception {
        if (gateways.size() < 2) {
            return;
        }
        String run = "rep-" + shortId();
        List<String> sessions = registerSessions(10);
        List<BenchSubscriber> subs = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            subs.add(subscriber("/internal/dev/plugins/stream?types=dev.session.log", i, run, new Recorder(3), 0, true));
        }
        connectAll(subs);
        long published = publish(run, sessions, 500, 2, -1);
        waitFor("replica frames", () -> subs.stream().allMatch(s -> s.received() >= published), 30_000);
        List<String> first = subs.getFirst().ids();
        boolean identical = subs.stream().allMatch(s -> s.ids().equals(first));
        subs.forEach(BenchSubscriber::close);
        line("### Replicas");
        line(String.format(Locale.ROOT, "%d gateway replicas in one consumer group, one subscriber on each: %d events "
                + "published, received %s; id sequences identical on every replica: **%s**.", gateways.size(), published,
                subs.stream().map(s -> String.valueOf(s.received())).toList(), identical ? "yes" : "NO"));
        line("");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private BenchSubscriber subscriber(String uri, int index, String run, Recorder recorder, long warmup, boolean keepIds) {
        URI gateway = gateways.get(index % gateways.size());
        return new BenchSubscriber(http, gateway.getHost(), gateway.getPort(), uri, run, recorder, warmup, keepIds);
    }

    private List<String> registerSessions(int count) throws Exception {
        List<String> sessions = new ArrayList<>();
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String session = UUID.randomUUID().toString();
            sessions.add(session);
            acks.add(BenchEvents.sendRegistered(producer, TENANT, session));
        }
        for (Future<?> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        return sessions;
    }

    private void connectAll(List<BenchSubscriber> subscribers) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (BenchSubscriber s : subscribers) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    s.connectWhenKnown(60_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        pool.shutdown();
    }

    /**
     * Publishes {@code rate} log lines per second for {@code seconds}, round-robin over the sessions; when line
     * {@code warmupSeq} is due, the gateways' histograms are scraped, so that their own timers cover the timed part.
     */
    private long publish(String run, List<String> sessions, int rate, int seconds, long warmupSeq) throws Exception {
        atWarmupEnd.clear();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        int perTick = Math.max(1, rate / 100);
        long tickNanos = TimeUnit.SECONDS.toNanos(1) * perTick / rate;
        List<Future<?>> inFlight = new ArrayList<>();
        for (long seq = 0; seq < total; ) {
            long due = start + (seq / perTick) * tickNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (int i = 0; i < perTick && seq < total; i++, seq++) {
                if (seq == warmupSeq) {
                    for (URI g : gateways) {
                        atWarmupEnd.put(g, CompletableFuture.supplyAsync(() -> get(g, "/q/metrics")));
                    }
                }
                inFlight.add(BenchEvents.sendLog(producer, TENANT, sessions.get((int) (seq % sessions.size())), run, seq));
            }
            if (inFlight.size() > 5000) {
                for (Future<?> f : inFlight) f.get(30, TimeUnit.SECONDS);
                inFlight.clear();
            }
        }
        for (Future<?> f : inFlight) {
            f.get(30, TimeUnit.SECONDS);
        }
        return total;
    }

    private static long total(List<BenchSubscriber> subscribers) {
        return subscribers.stream().mapToLong(BenchSubscriber::received).sum();
    }

    private String serverLatency() {
        List<String> parts = new ArrayList<>();
        for (URI g : gateways) {
            String after = get(g, "/q/metrics");
            CompletableFuture<String> scraped = atWarmupEnd.get(g);
            String before = scraped == null ? "" : scraped.join();
            parts.add(String.format(Locale.ROOT, "%s: delivery p50/p95/p99 %.0f/%.0f/%.0f ms, of which append %.0f/%.0f/%.0f ms",
                    g.getAuthority(), quantile(before, after, "delivery_latency", 0.5), quantile(before, after, "delivery_latency", 0.95),
                    quantile(before, after, "delivery_latency", 0.99), quantile(before, after, "append_latency", 0.5),
                    quantile(before, after, "append_latency", 0.95), quantile(before, after, "append_latency", 0.99)));
        }
        return String.join("; ", parts);
    }

    /**
     * A quantile of what a timer recorded between two scrapes, from its cumulative histogram buckets, interpolated
     * linearly inside the bucket it falls in (as Prometheus's histogram_quantile does).
     */
    private static double quantile(String before, String after, String timer, double q) {
        Map<Double, Double> start = buckets(before, timer);
        Map<Double, Double> end = buckets(after, timer);
        double total = end.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - start.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : end.entrySet()) {
            double count = bucket.getValue() - start.getOrDefault(bucket.getKey(), 0.0);
            if (count >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return 1000 * lowerBound;
                }
                double share = count == lowerCount ? 1 : (rank - lowerCount) / (count - lowerCount);
                return 1000 * (lowerBound + (bucket.getKey() - lowerBound) * share);
            }
            lowerBound = bucket.getKey();
            lowerCount = count;
        }
        return Double.NaN;
    }

    private static java.util.TreeMap<Double, Double> buckets(String metrics, String timer) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^dev_hotload_stream_" + timer + "_seconds_bucket\\{le=\"([^\"]+)\",?\\} (\\S+)(?: # .*)?$").matcher(metrics);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.put(le, Double.parseDouble(m.group(2)));
        }
        return buckets;
    }

    private static double sample(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)(?: # .*)?$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double sumSamples(String metrics, String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + " (\\S+)(?: # .*)?$").matcher(metrics);
        double sum = 0;
        while (m.find()) sum += Double.parseDouble(m.group(1));
        return sum;
    }

    private static String get(URI gateway, String path) {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(gateway.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static String header() {
        return "| series | frames timed | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms |\n|---|---|---|---|---|---|---|";
    }

    private static String row(String name, Histogram micros) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |", name, micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0, micros.getValueAtPercentile(99.9) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                System.err.println("timed out waiting for " + what);
                return;
            }
            Thread.sleep(100);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "n/a";
        }
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private void close() throws Exception {
        floor.close();
        producer.close();
        http.close();
        vertx.close();
    }
}
