package com.powerx.devhotload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.devstack.Bundles;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The suite as the benchmarks drive it: Dev API calls, blob uploads, an SSE reader, and the raw Kafka floor. */
final class SuiteClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SuiteClient() {
    }

    /** The floor: one record produced and consumed back on the same broker, one at a time. */
    static LatencyReport kafkaRoundTrip(String bootstrap, int n) throws Exception {
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

    /** The next frame of {@code type} for the session (and {@code sequence}, unless negative), skipping others. */
    static JsonNode await(BlockingQueue<JsonNode> frames, String sessionId, String type, long sequence) throws InterruptedException {
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

    static Thread stream(String gateway, String token, String query, BlockingQueue<JsonNode> frames) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/internal/dev/plugins/stream?" + query))
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

    static JsonNode call(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static void upload(String session, String token, Map<String, byte[]> files) throws Exception {
        for (byte[] content : files.values()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(session + "/internal/dev/plugins/blobs/" + Bundles.sha256(content)))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String registerBody(String plugin, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("pluginId", plugin).put("version", "1.0.0").put("runtime", "node").put("takeover", true);
        body.set("files", Bundles.fileRefs(files));
        return JSON.writeValueAsString(body);
    }

    static String reloadBody(String sessionId, String reloadToken, Map<String, byte[]> files) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("sessionId", sessionId).put("reloadToken", reloadToken);
        body.set("files", Bundles.fileRefs(files));
        body.putArray("changedFiles").add("index.mjs").add("lib/counter.mjs");
        return JSON.writeValueAsString(body);
    }
}
