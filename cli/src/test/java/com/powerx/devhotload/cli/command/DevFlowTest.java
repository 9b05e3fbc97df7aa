package com.powerx.devhotload.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.cli.PxPlugin;
import com.powerx.devhotload.cli.bundle.BlobHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev loop at the HTTP level, against {@link FakeSuite}: what the CLI sends, prints and exits with. */
class DevFlowTest {

    @TempDir
    Path home;
    @TempDir
    Path plugin;
    private FakeSuite suite;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        suite = new FakeSuite();
        Files.writeString(plugin.resolve("plugin.yaml"), "id: com.acme.counter\nname: Counter\nversion: 1.0.0\nruntime: node\nentry: index.mjs\n");
        Files.writeString(plugin.resolve("index.mjs"), "export const handlers = {};\n");
        Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(plugin.resolve("lib/counter.mjs"), "export const VERSION = 1;\n");
        Files.createDirectories(plugin.resolve("node_modules/dep"));
        Files.writeString(plugin.resolve("node_modules/dep/index.js"), "ignored");
    }

    @AfterEach
    void tearDown() {
        suite.close();
    }

    @Test
    void registersUploadsOnlyMissingBlobsAndWaitsForTheSandbox() throws Exception {
        suite.blobs.put(BlobHasher.hash("export const VERSION = 1;\n".getBytes(StandardCharsets.UTF_8)), new byte[0]);

        int exit = run("--json", "dev", "--entry", plugin.toString(), "--detach");

        assertThat(exit).as(err()).isZero();
        assertThat(events()).extracting(e -> e.path("event").asText()).containsSubsequence("registered", "uploaded", "ready");
        JsonNode register = suite.calls("POST", "/internal/dev/plugins/register").getFirst().json();
        assertThat(register.path("pluginId").asText()).isEqualTo("com.acme.counter");
        assertThat(register.path("files").findValuesAsText("path")).containsExactly("index.mjs", "lib/counter.mjs", "plugin.yaml");
        assertThat(register.path("takeover").asBoolean()).isFalse();
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/")).hasSize(2); // lib/counter.mjs was already there
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/").getFirst().headers()).containsEntry("authorization", "Bearer token-1");
        JsonNode ready = event("ready");
        assertThat(ready.path("sessionId").asText()).isEqualTo("s-1");
        assertThat(ready.path("adminUrl").asText()).endsWith("/console/#s-1");
        Path cache = home.resolve("dev-session.json");
        assertThat(Files.getPosixFilePermissions(cache)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(cache)).contains("token-1");
        assertThat(Files.readString(home.resolve("logs/px-plugin-dev.log"))).contains("\"sessionId\":\"s-1\"");
    }

    @Test
    void largeBlobsGoByPreSignedUrlWhenOfferedAndAreConfirmed() throws Exception {
        byte[] asset = largeAssetOfferedAPreSignedUpload(7);
        String assetSha = BlobHasher.hash(asset);

        assertThat(run("--json", "dev", "--entry", plugin.toString(), "--detach")).as(err()).isZero();

        assertThat(suite.calls("PUT", "/bucket/uploads/" + assetSha)).hasSize(1);
        assertThat(suite.calls("POST", "/internal/dev/plugins/blobs/" + assetSha + "/uploaded")).hasSize(1)
                .allSatisfy(confirm -> assertThat(confirm.headers()).containsEntry("authorization", "Bearer token-1"));
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/" + assetSha)).isEmpty();
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/")).hasSize(3); // the small files, by the plain PUT
        assertThat(suite.calls("POST", "/internal/dev/plugins/blobs/missing").getFirst().json().path("sizes").path(assetSha).asLong())
                .isEqualTo(asset.length);
        assertThat(suite.blobs.get(assetSha)).isEqualTo(asset);
    }

    @Test
    void whenTheBucketRefusesTheUploadTheCliFallsBackToThePut() throws Exception {
        byte[] asset = largeAssetOfferedAPreSignedUpload(8);
        String assetSha = BlobHasher.hash(asset);
        suite.bucketRefuses = true;

        assertThat(run("--json", "dev", "--entry", plugin.toString(), "--detach")).as(err()).isZero();

        assertThat(suite.calls("PUT", "/bucket/uploads/" + assetSha)).hasSize(1);
        assertThat(suite.calls("POST", "/internal/dev/plugins/blobs/" + assetSha + "/uploaded")).isEmpty();
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/" + assetSha)).hasSize(1);
        assertThat(suite.blobs.get(assetSha)).isEqualTo(asset);
    }

    /** A 300 KiB asset.bin in the plugin, large enough that the fake suite offers it a pre-signed upload. */
    private byte[] largeAssetOfferedAPreSignedUpload(long seed) throws IOException {
        byte[] asset = new byte[300 * 1024];
        new java.util.Random(seed).nextBytes(asset);
        Files.write(plugin.resolve("asset.bin"), asset);
        suite.presignFrom = 200 * 1024;
        return asset;
    }

    @Test
    void aConflictWithoutATerminalOrTakeoverIsExit2AndTakeoverReplacesIt() throws Exception {
        suite.conflict = true;
        assertThat(run("dev", "--entry", plugin.toString(), "--detach")).isEqualTo(2);
        assertThat(err()).contains("DEV_CONFLICT").contains("--takeover").hasLineCount(1);

        assertThat(run("dev", "--entry", plugin.toString(), "--detach", "--takeover")).as(err()).isZero();
        assertThat(suite.calls("POST", "/internal/dev/plugins/register").getLast().json().path("takeover").asBoolean()).isTrue();
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() throws Exception {
        assertThat(run("dev", "--entry", plugin.resolve("nowhere").toString())).isEqualTo(1);
        err();
        assertThat(run("dev", "--entry", plugin.toString(), "--max-bundle-size", "20")).isEqualTo(1);
        assertThat(err()).contains(": file is").contains("over the limit of 20 bytes");
        Files.writeString(plugin.resolve("plugin.yaml"), "id: com.acme.counter\nversion: one\n");
        assertThat(run("dev", "--entry", plugin.toString())).isEqualTo(1);
        assertThat(err()).contains("$.version").contains("$.name");
        assertThat(suite.requests).isEmpty();
        assertThat(err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aWrongTokenIsExit2AndAnUnreachableApiExit3() throws Exception {
        suite.registerStatus = 401;
        assertThat(run("dev", "--entry", plugin.toString(), "--detach")).isEqualTo(2);
        assertThat(err()).contains("DEV_UNAUTHORIZED").contains("PX_TOKEN");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run("--api", "http://127.0.0.1:" + port, "dev", "--entry", plugin.toString(), "--detach")).isEqualTo(3);
        assertThat(err()).contains("cannot reach");
    }

    @Test
    void eachBurstOfSavesBecomesOneReloadThatUploadsOnlyTheChangedBlob() throws Exception {
        CompletableFuture<Integer> dev = CompletableFuture.supplyAsync(() ->
                run("--json", "--no-telemetry", "dev", "--watch", "--entry", plugin.toString(), "--debounce", "100"));
        awaitEvent(e -> e.path("event").asText().equals("ready"));
        Thread.sleep(200); // the watcher registers right after ready
        int putsBefore = suite.calls("PUT", "/internal/dev/plugins/blobs/").size();

        Files.writeString(plugin.resolve("index.mjs"), "export const handlers = {}; // v2\n");
        Files.writeString(plugin.resolve("index.mjs"), "export const handlers = {}; // v3\n");
        JsonNode reloaded = awaitEvent(e -> e.path("event").asText().equals("reloaded"));

        List<FakeSuite.Received> reloads = suite.calls("POST", "/internal/dev/plugins/reload");
        assertThat(reloads).hasSize(1);
        assertThat(reloads.getFirst().path()).contains("wait=30");
        assertThat(reloads.getFirst().headers().get("x-reload-id")).matches("[0-9a-f-]{36}");
        assertThat(reloads.getFirst().json().path("changedFiles").findValuesAsText("").isEmpty()).isTrue();
        assertThat(reloads.getFirst().json().path("changedFiles").toString()).isEqualTo("[\"index.mjs\"]");
        assertThat(reloads.getFirst().json().path("files").size()).isEqualTo(3);
        assertThat(suite.calls("PUT", "/internal/dev/plugins/blobs/")).hasSize(putsBefore + 1);
        assertThat(reloaded.path("sequence").asInt()).isEqualTo(1);
        assertThat(reloaded.path("durationMs").asInt()).isEqualTo(12);

        Files.writeString(plugin.resolve("index.mjs"), "export const x = 1;\nsyntax error here\n");
        JsonNode rolledBack = awaitEvent(e -> e.path("event").asText().equals("rolled-back"));
        assertThat(rolledBack.path("error").asText()).contains("Unexpected identifier").contains("(at index.mjs:3)");
        assertThat(rolledBack.path("file").asText()).isEqualTo("index.mjs");
        assertThat(rolledBack.path("line").asInt()).isEqualTo(3);

        Files.writeString(plugin.resolve("node_modules/dep/index.js"), "still ignored");
        Thread.sleep(400);
        assertThat(suite.calls("POST", "/internal/dev/plugins/reload")).hasSize(2);

        suite.endLogs.countDown(); // the session ends on the server: the watch stops
        assertThat(dev.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(events()).anyMatch(e -> e.path("event").asText().equals("log") && e.path("message").asText().contains("counter v1 ready"));
        assertThat(events()).anyMatch(e -> e.path("event").asText().equals("stopped"));
    }

    @Test
    void stopEndsTheCachedSessionAndTelemetryIsFlushedToTheIngest() throws Exception {
        assertThat(run("dev", "--entry", plugin.toString(), "--detach")).isZero();
        assertThat(run("dev", "--stop")).as(err()).isZero();
        assertThat(suite.calls("DELETE", "/internal/dev/plugins/sessions/s-1")).hasSize(1);
        assertThat(home.resolve("dev-session.json")).doesNotExist();
        assertThat(suite.telemetry).extracting(e -> e.path("name").asText()).contains("dev.hotload.cli_session_lifetime");
        assertThat(run("dev", "--stop")).isEqualTo(1); // nothing cached any more
    }

    @Test
    void telemetryIsKeptOnDiskWhileTheIngestIsDownAndReplayedLater() throws Exception {
        Map<String, String> down = env();
        down.put("PX_DEV_TELEMETRY_URL", "http://127.0.0.1:" + freePort());
        Files.writeString(plugin.resolve("plugin.yaml"), "id: com.acme.counter\nversion: one\n");
        assertThat(PxPlugin.run(new String[]{"dev", "--entry", plugin.toString()}, down, print(out), print(err))).isEqualTo(1);
        assertThat(PxPlugin.run(new String[]{"telemetry", "flush"}, down, print(out), print(err))).isEqualTo(3);
        assertThat(Files.list(home.resolve("telemetry")).toList()).isNotEmpty();

        assertThat(run("telemetry", "flush")).as(err()).isZero();
        assertThat(suite.telemetry).extracting(e -> e.path("name").asText()).contains("dev.hotload.cli_error");
        assertThat(suite.telemetry).anyMatch(e -> e.path("attributes").path("errorCode").asText().equals("CLI_LINT_FAILED"));
        assertThat(Files.list(home.resolve("telemetry")).toList()).isEmpty();
    }

    @Test
    void noTelemetryRecordsNothing() throws Exception {
        Files.writeString(plugin.resolve("plugin.yaml"), "id: com.acme.counter\nversion: one\n");
        assertThat(run("--no-telemetry", "dev", "--entry", plugin.toString())).isEqualTo(1);
        assertThat(home.resolve("telemetry")).doesNotExist();
    }

    private int run(String... args) {
        return PxPlugin.run(args, env(), print(out), print(err));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PX_HOME", home.toString());
        env.put("PX_DEV_API_BASE_URL", suite.url());
        env.put("PX_DEV_STREAM_URL", suite.url());
        env.put("PX_DEV_TELEMETRY_URL", suite.url());
        env.put("PX_DEV_DIAGNOSTICS_URL", suite.url());
        return env;
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    private String err() {
        String text = err.toString(StandardCharsets.UTF_8);
        err.reset();
        return text;
    }

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("{")) {
                try {
                    events.add(FakeSuite.JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not one JSON object per line: " + line, e);
                }
            }
        }
        return events;
    }

    private JsonNode event(String name) {
        return events().stream().filter(e -> e.path("event").asText().equals(name)).findFirst().orElseThrow();
    }

    private JsonNode awaitEvent(Predicate<JsonNode> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            var found = events().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no matching event in " + out.toString(StandardCharsets.UTF_8) + "\nstderr: " + err.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
