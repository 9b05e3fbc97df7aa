package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static com.powerx.devhotload.bench.SuiteClient.await;
import static com.powerx.devhotload.bench.SuiteClient.call;
import static com.powerx.devhotload.bench.SuiteClient.kafkaRoundTrip;
import static com.powerx.devhotload.bench.SuiteClient.registerBody;
import static com.powerx.devhotload.bench.SuiteClient.reloadBody;
import static com.powerx.devhotload.bench.SuiteClient.stream;
import static com.powerx.devhotload.bench.SuiteClient.upload;

/**
 * P4 (docs/architecture.md): the 5th consecutive failed reload of a real node sandbox until the
 * {@code plugin.debug.alert} frame reaches an SSE client. Each streak: four broken reloads (each rolled back), then
 * the fifth, timed from the moment its {@code dev.session.rolled-back} frame arrives (the failure is known to
 * everyone) and, as a second series, from its POST; then a good reload resolves the alert before the next streak.
 * The floor is the raw Kafka produce→consume round trip on the same broker, measured in the same run.
 */
public final class AlertBench {

    public static void main(String[] args) throws Exception {
        String session = RegisterBench.arg(args, "--session-url", "http://127.0.0.1:8081");
        String gateway = RegisterBench.arg(args, "--stream-url", "http://127.0.0.1:8083");
        String kafka = RegisterBench.arg(args, "--kafka", "127.0.0.1:19092");
        Path plugins = Path.of(RegisterBench.arg(args, "--plugins", "examples/plugins"));
        int streaks = Integer.parseInt(RegisterBench.arg(args, "--streaks", "50"));
        int warmup = Integer.parseInt(RegisterBench.arg(args, "--warmup", "3"));
        String tenant = "bench-alert-" + UUID.randomUUID().toString().substring(0, 8);
        String token = LocalTokens.inDirectory(Path.of(RegisterBench.arg(args, "--keys", "deploy/local/.data/keys")))
                .mint(tenant, "bench", List.of("admin.devHotload.manage"));
        String plugin = "com.acme.flaky";

        Map<String, byte[]> good = Bundles.read(plugins.resolve("counter-node"));
        Map<String, byte[]> broken = new TreeMap<>(good);
        broken.put("index.mjs", Files.readAllBytes(plugins.resolve("broken/node/syntax-error/index.mjs")));
        upload(session, token, good);
        upload(session, token, broken);
        System.out.printf("P4 alert: %d streaks of 5 rolled-back reloads (after %d warm-up), tenant %s%n", streaks, warmup, tenant);

        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        Thread reader = stream(gateway, token, "pluginId=" + plugin
                + "&types=dev.session.sandbox.ready,dev.session.rolled-back,dev.session.reloaded,plugin.debug.alert", frames);
        try {
            JsonNode registered = call("POST", session + "/internal/dev/plugins/register", token, registerBody(plugin, good));
            String sessionId = registered.at("/data/sessionId").asText();
            String reloadToken = registered.at("/data/reloadToken").asText();
            await(frames, sessionId, "dev.session.sandbox.ready", -1);

            Histogram fromFailure = LatencyReport.newHistogram();
            Histogram fromPost = LatencyReport.newHistogram();
            long began = System.nanoTime();
            for (int s = 0; s < warmup + streaks; s++) {
                for (int i = 1; i <= 4; i++) {
                    reload(session, frames, sessionId, reloadToken, broken, "dev.session.rolled-back");
                }
                long posted = System.nanoTime();
                long failed = reload(session, frames, sessionId, reloadToken, broken, "dev.session.rolled-back");
                await(frames, sessionId, "plugin.debug.alert", -1);
                long alerted = System.nanoTime();
                if (s >= warmup) {
                    fromFailure.recordValue(alerted - failed);
                    fromPost.recordValue(alerted - posted);
                }
                reload(session, frames, sessionId, reloadToken, good, "dev.session.reloaded"); // resolves; the next streak starts at 0
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            call("DELETE", session + "/internal/dev/plugins/sessions/" + sessionId, token, null);

            System.out.println(LatencyReport.header());
            System.out.println(kafkaRoundTrip(kafka, streaks * 2).row());
            System.out.println(new LatencyReport("P4: 5th rolled-back frame -> plugin.debug.alert frame over SSE", fromFailure, seconds).row());
            System.out.println(new LatencyReport("P4 (whole): 5th reload POST -> plugin.debug.alert frame over SSE", fromPost, seconds).row());
            System.out.println("target: P4 <= 500 ms (p95)");
        } finally {
            reader.interrupt();
        }
    }

    /** Posts a reload and waits for its outcome frame; the time that frame arrived. */
    private static long reload(String session, BlockingQueue<JsonNode> frames, String sessionId, String reloadToken,
                               Map<String, byte[]> files, String outcome) throws Exception {
        JsonNode accepted = call("POST", session + "/internal/dev/plugins/reload", null, reloadBody(sessionId, reloadToken, files));
        await(frames, sessionId, outcome, accepted.at("/data/sequence").asLong());
        return System.nanoTime();
    }
}
