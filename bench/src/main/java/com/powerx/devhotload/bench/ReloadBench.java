package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.LocalTokens;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * P2 (docs/architecture.md): a reload POST until {@code dev.session.reloaded} arrives at an SSE client, for the simple node
 * plugin (examples/plugins/counter-node, alternating with counter-node-v2 so every reload really swaps code), one
 * reload at a time as a developer saves. Reported with its references, measured in the same run: the harness's own
 * swap ({@code durationMs} of each reloaded event), a full sandbox start (a fresh session until
 * {@code dev.session.sandbox.ready}), and the raw Kafka produce→consume round trip on the same broker.
 */
public final class ReloadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
        Thread reader = stream(gateway, token, plugin, frames);
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

    /** The floor: one record produced and consumed back on the same broker, one at a time. */
    private static LatencyReport kafkaRoundTrip(String bootstrap, int n) throws Exception {
        String topic = "px-bench-floor";
        Histogram h = LatencyReport.newHistogram();
        // The suite's broker does not auto-create topics (ARCHITECTURE: topics are created up front).
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
             var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.GROUP_ID_CONFIG, "px-bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                     ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "warm")).get(); // creates the topic
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, id, id));
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= id.equals(r.value());
                    }
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(10)) throw new IllegalStateException("floor record lost");
                }
                h.recordValue(System.nanoTime() - t0);
            }
            return new LatencyReport("floor: raw Kafka produce -> consume", h, (System.nanoTime() - start) / 1e9);
        }
    }

    private static JsonNode await(BlockingQueue<JsonNode> frames, String sessionId, String type, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f == null || !sessionId.equals(f.path("sessionId").asText()) || !type.equals(f.path("type").asText())) {
                continue;
            }
            if (sequence < 0 || f.at("/payload/sequence").asLong() == sequence) {
                return f;
            }
        }
        throw new IllegalStateException("no " + type + " for session " + sessionId + " (sequence " + sequence + ") within 30 s");
    }

    private static Thread stream(String gateway, String token, String plugin, BlockingQueue<JsonNode> frames) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/internal/dev/plugins/stream?pluginId=" + plugin + "&types=dev.session.reloaded,dev.session.sandbox.ready"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) throw new IllegalStateException("stream answered " + response.statusCode());
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) frames.add(JSON.readTree(line.substring(6)));
                }
            } catch (Exception e) {
                // the bench ended
            }
        });
    }

    private static JsonNode call(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static void upload(String session, String token, Map<String, byte[]> files) throws Exception {
        for (byte[] content : files.values()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(session + "/internal/dev/plugins/blobs/" + Bundles.sha256(content)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String registerBody(String plugin, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("pluginId", plugin).put("version", "1.0.0").put("runtime", "node").put("takeover", true);
        body.set("files", Bundles.fileRefs(files));
        return JSON.writeValueAsString(body);
    }

    private static String reloadBody(String sessionId, String reloadToken, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("sessionId", sessionId).put("reloadToken", reloadToken);
        body.set("files", Bundles.fileRefs(files));
        body.putArray("changedFiles").add("index.mjs").add("lib/counter.mjs");
        return JSON.writeValueAsString(body);
    }



}
