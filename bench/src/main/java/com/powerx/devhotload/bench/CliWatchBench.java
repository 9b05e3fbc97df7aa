package com.powerx.devhotload.bench;

import com.powerx.devhotload.devstack.Bundles;
import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * P9 (docs/architecture.md): a file saved → {@code reloaded} printed by {@code px-plugin dev --watch}, the simple node
 * plugin (a copy of examples/plugins/counter-node), one save at a time as a developer saves. Measured in the same run
 * as floors: the harness's own swap ({@code durationMs} of each reload) and the Dev API round trip (a reload POST with
 * {@code ?wait=30} on the same session until its outcome, without the CLI's watcher, debounce, hashing and upload).
 */
public final class CliWatchBench {

    private static final String ENTRY = "index.mjs";

    public static void main(String[] args) throws Exception {
        int saves = Integer.parseInt(RegisterBench.arg(args, "--saves", "100"));
        int warmup = Integer.parseInt(RegisterBench.arg(args, "--warmup", "10"));
        String debounce = RegisterBench.arg(args, "--debounce", "");
        String api = RegisterBench.arg(args, "--session-url", "http://127.0.0.1:8081");
        Path work = Files.createTempDirectory("px-bench-cli-watch");
        Path plugin = Bundles.copyPlugin(Path.of("examples/plugins/counter-node"), work.resolve("plugin"),
                "com.bench.watch-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> cliArgs = new ArrayList<>(List.of("dev", "--watch", "--json", "--entry", plugin.toString()));
        if (!debounce.isEmpty()) {
            cliArgs.addAll(List.of("--debounce", debounce));
        }
        try (CliRun cli = CliRun.start(work.resolve("home"), Map.of("PX_DEV_API_BASE_URL", api), cliArgs.toArray(String[]::new))) {
            cli.next("ready", 180);
            Histogram[] watched = saveLoop(cli, plugin.resolve(ENTRY), warmup, saves);
            Histogram devApi = devApiFloor(api, work.resolve("home"), warmup, saves);
            print(saves, debounce, watched, devApi);
        } // close(): SIGTERM ends the watch like Ctrl-C (the session is kept; deploy/local/down ends it)
    }

    /** Saves the entry file once per round and waits for the CLI's {@code reloaded}; [saved→printed, harness swap]. */
    private static Histogram[] saveLoop(CliRun cli, Path entry, int warmup, int saves) throws Exception {
        Histogram printed = LatencyReport.newHistogram();
        Histogram swap = LatencyReport.newHistogram();
        String original = Files.readString(entry);
        for (int i = 0; i < warmup + saves; i++) {
            Files.writeString(entry, original.replace("counter v1 ready", "counter v1 ready (save " + i + ")"));
            long saved = System.nanoTime();
            CliRun.Line reloaded = cli.next("reloaded", 30);
            if (i >= warmup) {
                printed.recordValue(reloaded.readNanos() - saved);
                swap.recordValue(Math.max(1, (long) (reloaded.json().path("durationMs").asDouble() * 1_000_000)));
            }
            Thread.sleep(250); // a person's next save; also lets the log lines of this reload pass
            cli.drain();
        }
        return new Histogram[] {printed, swap};
    }

    /** The same session's reload through the Dev API alone: POST with {@code ?wait=30} until the outcome is known. */
    private static Histogram devApiFloor(String api, Path home, int warmup, int saves) throws Exception {
        JsonNode cache = SuiteClient.JSON.readTree(home.resolve("dev-session.json").toFile());
        String sessionId = cache.path("sessionId").asText();
        String token = cache.path("reloadToken").asText();
        Histogram roundTrip = LatencyReport.newHistogram();
        for (int i = 0; i < warmup + saves; i++) {
            String body = SuiteClient.JSON.writeValueAsString(Map.of("sessionId", sessionId, "reloadToken", token,
                    "changedFiles", List.of(ENTRY)));
            long start = System.nanoTime();
            HttpResponse<String> r = SuiteClient.HTTP.send(HttpRequest.newBuilder(URI.create(api + "/internal/dev/plugins/reload?wait=30"))
                    .header("Content-Type", "application/json").header("x-reload-id", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            JsonNode outcome = SuiteClient.JSON.readTree(r.body()).path("data").path("outcome");
            if (r.statusCode() != 200 || !"reloaded".equals(outcome.path("result").asText())) {
                throw new IllegalStateException("Dev API reload answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= warmup) {
                roundTrip.recordValue(took);
            }
            Thread.sleep(250);
        }
        return roundTrip;
    }

    private static void print(int saves, String debounce, Histogram[] watched, Histogram devApi) {
        String label = debounce.isEmpty() ? "default debounce (150 ms)" : "--debounce " + debounce;
        System.out.println("P9, " + saves + " saves, " + label);
        System.out.println(LatencyReport.header());
        System.out.println(new LatencyReport("**P9: file saved → `reloaded` printed by px-plugin**", watched[0], 1).row());
        System.out.println(new LatencyReport("floor: Dev API reload POST ?wait → outcome (same session)", devApi, 1).row());
        System.out.println(new LatencyReport("floor: harness swap (durationMs of the CLI's reloads)", watched[1], 1).row());
    }
}
