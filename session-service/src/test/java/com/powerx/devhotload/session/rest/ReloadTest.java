package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.file;
import static com.powerx.devhotload.session.rest.DevApi.reload;
import static com.powerx.devhotload.session.rest.DevApi.sha256;
import static com.powerx.devhotload.session.rest.DevApi.upload;
import static com.powerx.devhotload.session.rest.DevApi.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** POST /internal/dev/plugins/reload: tokens, file lists, strategies, sequences, idempotency, waiting, outcomes. */
@QuarkusTest
class ReloadTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String content(String tag) {
        return "export const tag = '" + tag + "-" + UUID.randomUUID() + "';";
    }

    @Test
    void bothTokenStylesWorkAndSequencesStrictlyIncrease() {
        var s = DevApi.registerNode("acme", content("v1"));
        String v2 = content("v2");
        upload(as("acme"), v2).statusCode(201);
        long first = ((Number) reload(given(), Map.of("sessionId", s.sessionId(), "reloadToken", s.reloadToken(),
                "files", List.of(file("index.mjs", v2)), "sequence", 7)).statusCode(202)
                .body("data.status", equalTo("accepted"))
                .body("data.clientSequence", equalTo(7))
                .body("status", equalTo("accepted"))
                .extract().path("sequence")).longValue();
        long second = ((Number) reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs")))
                .statusCode(202).extract().path("data.sequence")).longValue();
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
    }

    @Test
    void wrongTokenUnknownSessionAndEndedSessionsAreRefused() {
        var s = DevApi.registerExternal("acme");
        reload(given(), Map.of("sessionId", s.sessionId(), "reloadToken", "x".repeat(32))).statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
        reload(given(), Map.of("sessionId", UUID.randomUUID().toString(), "reloadToken", s.reloadToken())).statusCode(404);
        reload(given(), Map.of("sessionId", "not-a-uuid", "reloadToken", s.reloadToken())).statusCode(400);
        reload(given().auth().none(), Map.of("sessionId", s.sessionId())).statusCode(401);
        withToken(s.reloadToken()).when().delete("/internal/dev/plugins/sessions/" + s.sessionId()).then().statusCode(200);
        reload(given(), Map.of("sessionId", s.sessionId(), "reloadToken", s.reloadToken())).statusCode(410).body("error_code", equalTo("DEV_SESSION_ENDED"));
    }

    @Test
    void changedFilesObjectsReplaceDeleteAndAddFilesAndTheEventCarriesTheDerivedList() {
        String index = content("index");
        String lib = content("lib");
        upload(as("acme"), index).statusCode(201);
        upload(as("acme"), lib).statusCode(201);
        var r = DevApi.register(as("acme"), Map.of("pluginId", DevApi.pluginId(), "runtime", "node",
                "files", List.of(file("index.mjs", index), file("lib/a.mjs", lib)))).statusCode(201).extract();
        String id = r.path("data.sessionId");
        String token = r.path("data.reloadToken");
        String newIndex = content("index2");
        String added = content("added");
        upload(as("acme"), newIndex).statusCode(201);
        upload(as("acme"), added).statusCode(201);
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            reload(withToken(token), Map.of("sessionId", id, "changedFiles", List.of(
                    Map.of("type", "modify", "path", "index.mjs", "hash", sha256(newIndex)),
                    Map.of("type", "delete", "path", "lib/a.mjs"),
                    Map.of("type", "create", "path", "lib/b.mjs", "hash", "sha256:" + sha256(added))))).statusCode(202);
            CloudEvent requested = probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, id), 1, Duration.ofSeconds(20)).getFirst();
            assertThat(requested.data().get("strategy").asText()).isEqualTo("diff");
            assertThat(requested.data().get("files").findValuesAsText("path")).containsExactly("index.mjs", "lib/b.mjs");
            assertThat(requested.data().get("files").findValuesAsText("sha256")).containsExactly(sha256(newIndex), sha256(added));
            assertThat(requested.data().get("changedFiles").toString()).contains("lib/a.mjs");
        }
        reload(withToken(token), Map.of("sessionId", id, "changedFiles", List.of("not/in/bundle.mjs"))).statusCode(400);
        reload(withToken(token), Map.of("sessionId", id, "changedFiles", List.of(Map.of("type", "rename", "path", "x")))).statusCode(400);
        reload(withToken(token), Map.of("sessionId", id, "changedFiles", List.of("../escape.mjs"))).statusCode(400);
    }

    @Test
    void aSessionWithoutABundleAcceptsAnyChangedPathsAndPassesThemOnAsSent() {
        var s = DevApi.registerExternal("acme");
        List<Object> changed = List.of("src/index.ts", "/home/dev/plugin/src/util.ts", "src\\win.ts",
                Map.of("type", "modify", "path", "main.go", "hash", sha256("package main")));
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", changed))
                    .statusCode(202).body("data.status", equalTo("accepted"));
            CloudEvent requested = probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), 1, Duration.ofSeconds(20)).getFirst();
            assertThat(textValues(requested.data().get("changedFiles"))).containsExactly("src/index.ts", "/home/dev/plugin/src/util.ts", "src\\win.ts", "main.go");
            assertThat(requested.data().get("files")).isEmpty();
        }
        reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of(""))).statusCode(400);
    }

    @Test
    void aBarePathOfABundledSessionReReadsItsFileAndOnlyAnUnknownUnhashedPathIsRefused() {
        var s = DevApi.registerNode("acme", content("v1"));
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs"))).statusCode(202);
            CloudEvent requested = probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), 1, Duration.ofSeconds(20)).getFirst();
            assertThat(requested.data().get("files").findValuesAsText("path")).containsExactly("index.mjs");
        }
        reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("src/index.ts")))
                .statusCode(400).body("details.violations[0].message", org.hamcrest.Matchers.containsString("not in the session's bundle"));
    }

    private static List<String> textValues(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    @Test
    void aFailedBuildIsRecordedAndPublishedButNotApplied() {
        var s = DevApi.registerNode("acme", content("ok"));
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs"),
                    "diagnostics", List.of(Map.of("level", "error", "message", "Cannot find name 'x'", "file", "src/a.ts", "line", 3, "column", 5, "code", "TS2304"))))
                    .statusCode(202).body("data.status", equalTo("recorded"));
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "success", false, "error", "esbuild failed"))
                    .statusCode(202).body("data.status", equalTo("recorded"));
            var recorded = probe.await(EventProbe.of(EventTypes.RELOAD_RECORDED, s.sessionId()), 2, Duration.ofSeconds(20));
            assertThat(recorded).hasSize(2);
            assertThat(recorded.getFirst().data().get("diagnostics").get(0).get("code").asText()).isEqualTo("TS2304");
            assertThat(probe.during(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void theSameReloadIdReplaysTheFirstAnswerWithoutASecondReload() {
        var s = DevApi.registerNode("acme", content("idem"));
        Map<String, Object> body = Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs"), "sequence", 3);
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            var first = withToken(s.reloadToken()).header("X-Reload-Id", "key-1").contentType(ContentType.JSON).body(body)
                    .when().post("/internal/dev/plugins/reload").then().statusCode(202).header("Idempotent-Replayed", nullValue()).extract();
            var replay = withToken(s.reloadToken()).header("x-reload-id", "key-1").contentType(ContentType.JSON).body(body)
                    .when().post("/internal/dev/plugins/reload").then().statusCode(202).header("Idempotent-Replayed", "true").extract();
            assertThat((Object) replay.path("data.reloadId")).isEqualTo(first.path("data.reloadId"));
            assertThat((Object) replay.path("data.sequence")).isEqualTo(first.path("data.sequence"));
            withToken(s.reloadToken()).header("X-RELOAD-ID", "key-1").contentType(ContentType.JSON)
                    .body(Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs"), "sequence", 4))
                    .when().post("/internal/dev/plugins/reload").then().statusCode(409).body("error_code", equalTo("DEV_RELOAD_CONFLICT"));
            assertThat(probe.during(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void aReloadWithMissingBlobsWaitsForThemThenIsRequested() {
        var s = DevApi.registerNode("acme", content("base"));
        String next = content("next");
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "files", List.of(file("index.mjs", next))))
                    .statusCode(202).body("data.status", equalTo("waiting-for-files"))
                    .body("data.missingBlobs[0]", equalTo(sha256(next)));
            assertThat(probe.during(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), Duration.ofMillis(500))).isEmpty();
            upload(as("acme"), next).statusCode(201);
            assertThat(probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), 1, Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @Test
    void waitAnswersWithTheSandboxOutcomeAndRollbackReappliesTheLastGoodFiles() {
        String good = content("good");
        var s = DevApi.registerNode("acme", good);
        String bad = content("bad");
        upload(as("acme"), bad).statusCode(201);
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE, Topics.SESSION_SANDBOX)) {
            probe.publish(SandboxFake.ready("acme", s.pluginId(), s.sessionId()));
            // Stand in for the orchestrator: answer each reload request on the real sandbox topic.
            Thread orchestrator = Thread.ofVirtual().start(() -> {
                var requests = probe.await(EventProbe.of(EventTypes.RELOAD_REQUESTED, s.sessionId()), 1, Duration.ofSeconds(20));
                long seq = requests.getFirst().data().get("sequence").asLong();
                probe.publish(SandboxFake.reloaded("acme", s.pluginId(), s.sessionId(), seq, List.of()));
            });
            reload(withToken(s.reloadToken()).queryParam("wait", 10), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs")))
                    .statusCode(200)
                    .body("data.outcome.result", equalTo("reloaded"))
                    .body("data.outcome.durationMs", equalTo(42));
            join(orchestrator);
            as("acme").when().get("/internal/dev/plugins/sessions/" + s.sessionId()).then()
                    .body("data.status", equalTo("active"))
                    .body("data.sandbox.state", equalTo("ready"))
                    .body("data.lastReload.sequence", equalTo(1))
                    .body("data.lastReload.result", equalTo("reloaded"));

            long badSeq = ((Number) reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "files", List.of(file("index.mjs", bad))))
                    .statusCode(202).extract().path("data.sequence")).longValue();
            probe.publish(SandboxFake.rolledBack("acme", s.pluginId(), s.sessionId(), badSeq));
            awaitLastReload(s.sessionId(), badSeq, "rolled-back");

            reload(withToken(s.reloadToken()).queryParam("wait", 1), Map.of("sessionId", s.sessionId(), "strategy", "rollback"))
                    .statusCode(202).body("data.status", equalTo("accepted")); // nobody answers: wait elapses, 202 as usual
            var requests = probe.await(e -> e.type().equals(EventTypes.RELOAD_REQUESTED) && s.sessionId().equals(e.sessionid())
                    && e.data().get("strategy").asText().equals("rollback"), 1, Duration.ofSeconds(20));
            assertThat(requests.getFirst().data().get("files").findValuesAsText("sha256")).containsExactly(sha256(good));
        }
    }

    @Test
    void supersededReloadsAreReportedAsSuch() {
        var s = DevApi.registerNode("acme", content("s"));
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(((Number) reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs")))
                    .statusCode(202).extract().path("data.sequence")).longValue());
        }
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(SandboxFake.reloaded("acme", s.pluginId(), s.sessionId(), seqs.get(2), seqs.subList(0, 2)));
        }
        awaitLastReload(s.sessionId(), seqs.get(2), "reloaded");
    }

    @Test
    void aDuplicatedSandboxEventIsAppliedOnce() {
        var s = DevApi.registerNode("acme", content("dup"));
        long seq = ((Number) reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId(), "changedFiles", List.of("index.mjs")))
                .statusCode(202).extract().path("data.sequence")).longValue();
        CloudEvent outcome = SandboxFake.reloaded("acme", s.pluginId(), s.sessionId(), seq, List.of());
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(outcome);
            probe.publish(outcome);
        }
        awaitLastReload(s.sessionId(), seq, "reloaded");
        // The reload count is that of requests, not of (duplicated) outcomes.
        withToken(s.reloadToken()).when().get("/internal/dev/plugins/" + s.sessionId()).then().body("reloadCount", equalTo(1));
    }

    private static void awaitLastReload(String sessionId, long sequence, String result) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            var r = as("acme").when().get("/internal/dev/plugins/sessions/" + sessionId).then().extract();
            Number seq = r.path("data.lastReload.sequence");
            if (seq != null && seq.longValue() == sequence && result.equals(r.path("data.lastReload.result"))) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("session " + sessionId + " never reported reload " + sequence + " as " + result);
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
