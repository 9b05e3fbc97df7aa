package com.powerx.devhotload.bench;

import static com.powerx.devhotload.bench.SuiteClient.await;
import static com.powerx.devhotload.bench.SuiteClient.call;
import static com.powerx.devhotload.bench.SuiteClient.kafkaRoundTrip;
import static com.powerx.devhotload.bench.SuiteClient.registerBody;
import static com.powerx.devhotload.bench.SuiteClient.reloadBody;
import static com.powerx.devhotload.bench.SuiteClient.stream;
import static com.powerx.devhotload.bench.SuiteClient.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * P2 (docs/architecture.md): a reload POST until {@code dev.session.reloaded} arrives at an SSE client, for the simple node
 * plugin (examples/plugins/counter-node, alternating with counter-node-v2 so every reload really swaps code), one
 * reload at a time as a developer saves. Reported with its references, measured in the same run: the harness's own
 * swap ({@code durationMs} of each reloaded event), a full sandbox start (a fresh session until
 * {@code dev.session.sandbox.ready}), and the raw Kafka produce→consume round trip on the same broker.
 */
public final class ReloadBench {

    public static void main(String[] args) throws Exception {
        String session = RegisterBench.arg(args, "--session-url", "http://127.0.0.1:8081");
        String gateway = RegisterBench.arg(args, "--stream-url", "http://127.0.0.1:8083");
        String kafka = RegisterBench.arg(args, "--kafka", "127.0.0.1:19092");
        Path plugins = Path.of(RegisterBench.arg(args, "--plugins", "examples/plugins"));
        int reloads = Integer.parseInt(RegisterBench.arg(args, "--reloads", "100"));
        int warmup = Integer.parseInt(RegisterBench.arg(args, "--warmup", "10"));
        int starts = Integer.parseInt(RegisterBench.arg(args, "--starts", "10"));
        String tenant = "bench-reload-" + UUID.randomUUID().toString().substring(0, 8);
        String token = LocalTokens.inDirectory(Path.of(RegisterBench.arg(args, "--keys", "deploy/local/.data/keys")))
                .mint(tenant, "bench", List.of("admin.devHotload.manage"));
        String plugin = "com.acme.counter";

        Map<String, byte[]> v1 = Bundles.read(plugins.resolve("counter-node"));
        Map<String, byte[]> v2 = Bundles.read(plugins.resolve("counter-node-v2"));
        upload(session, token, v1);
        upload(session, token, v2);
        System.out.printf("P2 reload: %d reloads (after %d warm-up) of counter-node <-> counter-node-v2, tenant %s%n", reloads, warmup, tenant);

        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        Thread reader = stream(gateway, token, "pluginId=" + plugin + "&types=dev.session.reloaded,dev.session.sandbox.ready", frames);
        try {
            // Reference: a full sandbox start, fresh session to sandbox.ready (includes fetching and process start).
            Histogram start = LatencyReport.newHistogram();
            Histogram startup = LatencyReport.newHistogram();
            String sessionId = null;
            String reloadToken = null;
            for (int i = 0; i < starts; i++) {
                long t0 = System.nanoTime();
                JsonNode r = call("POST", session + "/internal/dev/plugins/register", token, registerBody(plugin, v1));
                sessionId = r.at("/data/sessionId").asText();
                reloadToken = r.at("/data/reloadToken").asText();
                JsonNode ready = await(frames, sessionId, "dev.session.sandbox.ready", -1);
                start.recordValue(System.nanoTime() - t0);
                startup.recordValue(ready.at("/payload/startupMs").asLong() * 1_000_000);
                if (i < starts - 1) {
                    call("DELETE", session + "/internal/dev/plugins/sessions/" + sessionId, token, null);
                }
            }

            Histogram p2 = LatencyReport.newHistogram();
            Histogram swap = LatencyReport.newHistogram();
            long began = System.nanoTime();
            for (int i = 0; i < warmup + reloads; i++) {
                Map<String, byte[]> files = i % 2 == 0 ? v2 : v1;
                long t0 = System.nanoTime();
                JsonNode accepted = call("POST", session + "/internal/dev/plugins/reload", null, reloadBody(sessionId, reloadToken, files));
                long sequence = accepted.at("/data/sequence").asLong();
                JsonNode reloaded = await(frames, sessionId, "dev.session.reloaded", sequence);
                long t = System.nanoTime() - t0;
                if (i >= warmup) {
                    p2.recordValue(t);
                    swap.recordValue(reloaded.at("/payload/durationMs").asLong() * 1_000_000);
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            call("DELETE", session + "/internal/dev/plugins/sessions/" + sessionId, token, null);

            LatencyReport kafkaFloor = kafkaRoundTrip(kafka, reloads);
            System.out.println(LatencyReport.header());
            System.out.println(kafkaFloor.row());
            System.out.println(new LatencyReport("reference: harness swap (reloaded.durationMs, ms resolution)", swap, seconds).row());
            System.out.println(new LatencyReport("reference: full sandbox start, register -> sandbox.ready over SSE", start, seconds).row());
            System.out.println(new LatencyReport("reference: sandbox start as the orchestrator measured it (startupMs)", startup, seconds).row());
            System.out.println(new LatencyReport("P2: reload POST -> dev.session.reloaded over SSE", p2, seconds).row());
            System.out.println("target: P2 p95 <= 150 ms");
        } finally {
            reader.interrupt();
        }
    }
}
