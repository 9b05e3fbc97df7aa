package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady load through the whole loop, as developers and the console make it, and the ledger of what the suite
 * acknowledged to them: registers (several tenants), reloads of a real node sandbox with an idempotency key retried
 * until answered (as the CLI does), invokes that change the plugin's state, bursts of five failing reloads of a second
 * sandbox (each a streak: an alert, a diagnostics report, a ticket) ended by a good one, and the tenant's SSE stream
 * read by a client that resumes with {@code Last-Event-ID}. Every call is recorded with its answer, so a fault's effect on
 * clients (refused, 503, no answer, 500) and its recovery time can be read off afterwards.
 */
final class FaultLoad implements AutoCloseable {

    /** One client call: when it started and ended (nanoTime), its status (-1: no answer at all). */
    record Call(String kind, long startNanos, long endNanos, int status, boolean retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Suite suite;
    final String tenant;
    final String token;
    final List<String> registerTenants;
    final String sessionId;
    private final String reloadToken;
    private final Map<String, byte[]> files;

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Acknowledged registers: session id → tenant. */
    final Map<String, String> registered = new ConcurrentHashMap<>();
    /** When each acknowledged register / reload was answered (nanoTime), to leave fresh ones out of a check. */
    final Map<String, Long> registeredAt = new ConcurrentHashMap<>();
    final Map<Long, Long> reloadedAt = new ConcurrentHashMap<>();
    /** Sequences of acknowledged reloads of the sandbox session. */
    final Set<Long> reloads = new ConcurrentSkipListSet<>();
    final AtomicInteger reloadsGivenUp = new AtomicInteger();
    final AtomicInteger incrementsAcknowledged = new AtomicInteger();
    final AtomicInteger incrementsUnanswered = new AtomicInteger();
    /** Counts the plugin answered, in order: its state must only grow. */
    final List<Integer> counts = new CopyOnWriteArrayList<>();
    final ResumingStream stream;
    /** The sandbox whose reloads fail in bursts, and how many bursts (five failures, then a fix) were acknowledged. */
    final String streakSessionId;
    private final String streakToken;
    private final Map<String, byte[]> broken;
    final AtomicInteger bursts = new AtomicInteger();

    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean stopped;

    private FaultLoad(Suite suite, String tenant, String token, List<String> registerTenants, String sessionId,
                      String reloadToken, Map<String, byte[]> files, String streakSessionId, String streakToken,
                      Map<String, byte[]> broken) {
        this.suite = suite;
        this.tenant = tenant;
        this.token = token;
        this.registerTenants = registerTenants;
        this.sessionId = sessionId;
        this.reloadToken = reloadToken;
        this.files = files;
        this.streakSessionId = streakSessionId;
        this.streakToken = streakToken;
        this.broken = broken;
        this.stream = new ResumingStream(() -> suite.url("stream-gateway", "/internal/dev/plugins/stream?sessionId=" + sessionId), token);
    }

    /** Registers the counter plugin's sandbox session, waits until it runs, and starts the load. */
    static FaultLoad start(Suite suite, Path plugins) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "faults-" + run;
        String token = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        Map<String, byte[]> v1 = Bundles.read(plugins.resolve("counter-node"));
        DevLoop.upload(suite, token, v1);
        JsonNode registered = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", token,
                DevLoop.registerBody("com.faults.counter", "node", "index.mjs", v1), 201);
        String sessionId = registered.at("/data/sessionId").asText();
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", token, sessionId, "ready", Duration.ofSeconds(60));
        Map<String, byte[]> broken = new java.util.TreeMap<>(v1);
        broken.put("index.mjs", java.nio.file.Files.readAllBytes(plugins.resolve("broken/node/syntax-error/index.mjs")));
        DevLoop.upload(suite, token, broken);
        JsonNode streak = DevLoop.call(suite, "session-service", "POST", "/internal/dev/plugins/register", token,
                DevLoop.registerBody("com.faults.streak", "node", "index.mjs", v1), 201);
        String streakId = streak.at("/data/sessionId").asText();
        DevLoop.awaitSandbox(suite, "sandbox-orchestrator", token, streakId, "ready", Duration.ofSeconds(60));
        List<String> others = List.of("faults-a-" + run, "faults-b-" + run, "faults-c-" + run);
        FaultLoad load = new FaultLoad(suite, tenant, token, others, sessionId, registered.at("/data/reloadToken").asText(), v1,
                streakId, streak.at("/data/reloadToken").asText(), broken);
        load.loops.add(load.loop("registers", 150, load::register));
        load.loops.add(load.loop("reloads", 400, load::reload));
        load.loops.add(load.loop("invokes", 250, load::increment));
        load.loops.add(load.loop("streaks", 5_000, load::burst));
        return load;
    }

    private Thread loop(String name, long pauseMillis, Step step) {
        return Thread.ofPlatform().daemon().name("fault-load-" + name).start(() -> {
            while (!stopped) {
                try {
                    step.run();
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // recorded by the step; the load goes on
                }
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private final AtomicInteger registerCount = new AtomicInteger();

    private void register() throws Exception {
        int n = registerCount.incrementAndGet();
        String registerTenant = registerTenants.get(n % registerTenants.size());
        String body = "{\"pluginId\":\"com.faults.r" + n + "\",\"version\":\"1.0.0\"}";
        HttpResponse<String> r = call("register", "session-service", "POST", "/internal/dev/plugins/register",
                LocalTokens.forTests().mint(registerTenant, "dev-" + n % 7, List.of("admin.devHotload.manage")), body, Map.of());
        if (r != null && r.statusCode() == 201) {
            String id = JSON.readTree(r.body()).at("/data/sessionId").asText();
            registered.put(id, registerTenant);
            registeredAt.put(id, System.nanoTime());
        }
    }

    private void reload() throws Exception {
        long sequence = reloadUntilAnswered("reload", sessionId, reloadToken, files, "");
        if (sequence > 0) {
            reloads.add(sequence);
            reloadedAt.putIfAbsent(sequence, System.nanoTime());
        }
    }

    /**
     * Five failing reloads, each waited for (so they are applied one by one and make a streak, not one coalesced
     * reload), then the fix: telemetry-ingest raises one alert, diagnostics writes one report, ticket-bridge opens one
     * ticket (and the fix resolves the alert).
     */
    private void burst() throws Exception {
        for (int i = 0; i < 5; i++) {
            if (reloadUntilAnswered("streak", streakSessionId, streakToken, broken, "?wait=8") < 0) {
                return;
            }
        }
        if (reloadUntilAnswered("streak", streakSessionId, streakToken, files, "?wait=8") > 0) {
            bursts.incrementAndGet();
        }
    }

    /**
     * One reload, its key kept and resent until the suite answers it (or a minute passes), as the CLI retries: the
     * sequence the suite gave it, or -1.
     */
    private long reloadUntilAnswered(String kind, String session, String sessionToken, Map<String, byte[]> version, String query)
            throws Exception {
        String key = UUID.randomUUID().toString();
        String body = DevLoop.reloadBody(session, sessionToken, version);
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!stopped && System.nanoTime() < giveUp) {
            HttpResponse<String> r = call(kind, "session-service", "POST", "/internal/dev/plugins/reload" + query, null, body,
                    Map.of("x-reload-id", key));
            if (r != null && (r.statusCode() == 200 || r.statusCode() == 202)) {
                return JSON.readTree(r.body()).at("/data/sequence").asLong();
            }
            if (r != null && r.statusCode() < 500 && r.statusCode() != 429) {
                return -1; // refused for good (recorded)
            }
            Thread.sleep(300);
        }
        reloadsGivenUp.incrementAndGet();
        return -1;
    }

    private void increment() throws Exception {
        HttpResponse<String> r = call("invoke", "sandbox-orchestrator", "POST", "/internal/dev/sandboxes/" + sessionId + "/invoke",
                token, "{\"handler\":\"increment\"}", Map.of());
        if (r == null) {
            incrementsUnanswered.incrementAndGet();
        } else if (r.statusCode() == 200) {
            incrementsAcknowledged.incrementAndGet();
            counts.add(JSON.readTree(r.body()).at("/data/result/count").asInt());
        }
    }

    /** Sends one call and records it; null when nothing answered (refused, reset, timed out). */
    private HttpResponse<String> call(String kind, String service, String method, String path, String bearer, String body,
                                      Map<String, String> headers) {
        long start = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(suite.url(service, path)).timeout(CALL_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            calls.add(new Call(kind, start, System.nanoTime(), r.statusCode(), r.headers().firstValue("Retry-After").isPresent()));
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            calls.add(new Call(kind, start, System.nanoTime(), -1, false));
            return null;
        }
    }

    /** The plugin's count now, read through the orchestrator (retried until the sandbox answers). */
    int currentCount() throws Exception {
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = DevLoop.send(suite, "sandbox-orchestrator", "POST", "/internal/dev/sandboxes/" + sessionId + "/invoke",
                    token, "{\"handler\":\"get\"}");
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body()).at("/data/result/count").asInt();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the sandbox did not answer 'get' within 30 s");
    }

    URI url(String service, String path) {
        return suite.url(service, path);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : loops) {
            t.join(Duration.ofSeconds(70));
        }
        stream.close();
    }
}
