package com.powerx.devhotload.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayMetrics;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin stream over real HTTP: frame format, filters, heartbeats, errors before the stream starts. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class AdminStreamTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.counter";

    @Test
    void firstFrameIsRetryThenIdEventAndDataWithTheContractFields() {
        String tenant = TestEvents.newTenant("frames");
        String session = TestEvents.newSessionId();
        try (SseClient sse = adminStream(tenant, "")) {
            assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
            assertThat(sse.header("X-Request-ID")).isNotBlank();
            SseFrame first = sse.next(WAIT);
            assertThat(first.lines()).containsExactly("retry: 3000");

            CloudEvent registered = TestEvents.registered(tenant, session, PLUGIN, "dev-1", TestEvents.newReloadToken());
            CloudEvent log = TestEvents.log(tenant, session, PLUGIN, "hello");
            TestEvents.publish(registered, log);

            List<SseFrame> frames = read(sse, 2);
            for (SseFrame frame : frames) {
                assertThat(frame.lines()).hasSize(3);
                assertThat(frame.lines().get(0)).matches("id: \\d+-\\d+");
                assertThat(frame.lines().get(1)).isEqualTo("event: " + frame.event());
                assertThat(frame.lines().get(2)).startsWith("data: {");
            }
            assertThat(StreamId.of(frames.get(1).id()).isAfter(StreamId.of(frames.get(0).id()))).isTrue();
            SseFrame logFrame = frames.stream().filter(f -> f.event().equals("dev.session.log")).findFirst().orElseThrow();
            JsonNode data = logFrame.json();
            assertThat(fieldNames(data)).containsExactly("id", "type", "time", "sessionId", "tenantId", "pluginId", "payload");
            assertThat(data.get("id").asText()).isEqualTo(log.id());
            assertThat(data.get("type").asText()).isEqualTo("dev.session.log");
            assertThat(data.get("time").asText()).isEqualTo(log.time());
            assertThat(data.get("sessionId").asText()).isEqualTo(session);
            assertThat(data.get("tenantId").asText()).isEqualTo(tenant);
            assertThat(data.get("pluginId").asText()).isEqualTo(PLUGIN);
            assertThat(data.get("payload").get("message").asText()).isEqualTo("hello");
        }
        assertThat(metric("dev_hotload_stream_events_delivered_total")).isGreaterThanOrEqualTo(2);
        assertThat(metric("dev_hotload_stream_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(2);
        assertThat(GatewayMetrics.scrape(base.toString())).contains("dev_hotload_stream_delivery_latency_seconds_bucket");
    }

    @Test
    void filtersBySessionsPluginAndTypePrefixes() {
        String tenant = TestEvents.newTenant("filters");
        String s1 = TestEvents.newSessionId();
        String s2 = TestEvents.newSessionId();
        String s3 = TestEvents.newSessionId();
        registerSessions(tenant, PLUGIN, s1, s2, s3);
        try (SseClient all = adminStream(tenant, "");
             SseClient twoSessions = adminStream(tenant, q("sessionId", s1) + "&" + q("sessionId", s2));
             SseClient commaSessions = adminStream(tenant, q("sessionId", s1 + "," + s3));
             SseClient plugin = adminStream(tenant, q("pluginId", "com.acme.other"));
             SseClient types = adminStream(tenant, q("types", "dev.session.log,plugin.debug.alert"));
             SseClient combined = adminStream(tenant, q("sessionId", s1) + "&" + q("types", "dev.session.reloaded"))) {
            List<CloudEvent> events = new ArrayList<>();
            for (String s : List.of(s1, s2)) {
                events.add(TestEvents.log(tenant, s, PLUGIN, "log of " + s));
                events.add(TestEvents.reloaded(tenant, s, PLUGIN, 1));
                events.add(TestEvents.alert(tenant, s, PLUGIN));
            }
            events.add(TestEvents.log(tenant, s3, "com.acme.other", "log of s3"));
            events.add(TestEvents.reloaded(tenant, s3, "com.acme.other", 1));
            TestEvents.publishAll(events);

            read(all, events.size());
            Duration quiet = Duration.ofMillis(500);
            assertThat(sessionsOf(drain(twoSessions, quiet))).containsOnly(s1, s2).hasSize(6);
            assertThat(sessionsOf(drain(commaSessions, quiet))).containsOnly(s1, s3).hasSize(5);
            assertThat(sessionsOf(drain(plugin, quiet))).containsOnly(s3).hasSize(2);
            List<SseFrame> typed = drain(types, quiet);
            assertThat(typed).extracting(SseFrame::event).containsOnly("dev.session.log", "plugin.debug.alert").hasSize(5);
            List<SseFrame> both = drain(combined, quiet);
            assertThat(both).hasSize(1);
            assertThat(both.getFirst().event()).isEqualTo("dev.session.reloaded");
            assertThat(both.getFirst().json().get("sessionId").asText()).isEqualTo(s1);
        }
    }

    @Test
    void anIdleStreamCarriesHeartbeatComments() {
        try (SseClient sse = adminStream(TestEvents.newTenant("idle"), "")) {
            SseFrame heartbeat = sse.nextMatching(SseFrame::isComment, Duration.ofSeconds(5));
            assertThat(heartbeat).isNotNull();
            assertThat(heartbeat.lines()).containsExactly(": hb");
        }
    }

    @Test
    void theAdminAliasServesTheSameStream() {
        String tenant = TestEvents.newTenant("alias");
        try (SseClient sse = SseClient.open(base + "api/admin/dev-hotload/stream", SseClient.bearer(Tokens.admin(tenant)))) {
            assertThat(sse.status()).isEqualTo(200);
            CloudEvent log = TestEvents.log(tenant, TestEvents.newSessionId(), PLUGIN, "via alias");
            TestEvents.publish(log);
            assertThat(eventIds(read(sse, 1))).containsExactly(log.id());
        }
    }

    @Test
    void invalidParametersAnswerTheErrorEnvelopeBeforeAnyFrame() {
        String token = Tokens.admin(TestEvents.newTenant("bad"));
        assertError(stream("sessionId=not-a-uuid", SseClient.bearer(token)), 400, "DEV_BAD_REQUEST", "sessionId");
        assertError(stream("types=dev.session.%3Cscript%3E", SseClient.bearer(token)), 400, "DEV_BAD_REQUEST", "types");
        assertError(stream("pluginId=Bad%20Plugin", SseClient.bearer(token)), 400, "DEV_BAD_REQUEST", "pluginId");
        assertError(stream("last_event_id=yesterday", SseClient.bearer(token)), 400, "DEV_BAD_REQUEST", "last_event_id");
        Map<String, String> badHeader = headers("Authorization", "Bearer " + token, "Last-Event-ID", "oops");
        assertError(stream("", badHeader), 400, "DEV_BAD_REQUEST", "Last-Event-ID");
    }

    @Test
    void anInvalidJwtIsUnauthorized() {
        assertError(stream("", SseClient.bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")), 401, "DEV_UNAUTHORIZED", null);
    }

    @Test
    void credentialsInTheQueryStringAreRefused() {
        String token = Tokens.admin(TestEvents.newTenant("query"));
        SseClient sse = stream(q("access_token", token), Map.of());
        assertError(sse, 400, "DEV_BAD_REQUEST", null);
        assertThat(sse.errorBody()).contains("credentials_in_query");
        assertError(stream(q("token", TestEvents.newReloadToken()) + "&" + q("sessionId", TestEvents.newSessionId()), Map.of()),
                400, "DEV_BAD_REQUEST", null);
    }

    @Test
    void aDeveloperWithoutTheAdminPermissionStreamsOnlyItsOwnSessions() {
        String tenant = TestEvents.newTenant("devs");
        String mine = TestEvents.newSessionId();
        String theirs = TestEvents.newSessionId();
        TestEvents.publish(TestEvents.registered(tenant, mine, PLUGIN, "alice", TestEvents.newReloadToken()),
                TestEvents.registered(tenant, theirs, PLUGIN, "bob", TestEvents.newReloadToken()));
        Map<String, String> alice = SseClient.bearer(Tokens.developer(tenant, "alice"));
        assertError(stream("", alice), 403, "DEV_FORBIDDEN", null);
        try (SseClient own = openWhenKnown(q("sessionId", mine), alice)) {
            CloudEvent log = TestEvents.log(tenant, mine, PLUGIN, "mine");
            TestEvents.publish(TestEvents.log(tenant, theirs, PLUGIN, "theirs"), log);
            assertThat(eventIds(read(own, 1))).containsExactly(log.id());
        }
        assertError(stream(q("sessionId", theirs), alice), 404, "DEV_NOT_FOUND", null);
    }

    @Test
    void onlyAGlobalAdminMayNameAnotherTenant() {
        String tenant = TestEvents.newTenant("target");
        assertError(stream(q("tenantId", tenant), SseClient.bearer(Tokens.admin(TestEvents.newTenant("other")))),
                403, "DEV_FORBIDDEN", null);
        try (SseClient sse = stream(q("tenantId", tenant), SseClient.bearer(Tokens.globalAdmin("platform")))) {
            assertThat(sse.status()).isEqualTo(200);
            CloudEvent log = TestEvents.log(tenant, TestEvents.newSessionId(), PLUGIN, "seen by ops");
            TestEvents.publish(log);
            assertThat(eventIds(read(sse, 1))).containsExactly(log.id());
        }
    }

    @Test
    void theLocalDeveloperSeesTenantLocalAndNoOther() {
        assertError(stream(q("tenantId", TestEvents.newTenant("elsewhere")), Map.of()), 403, "DEV_FORBIDDEN", null);
        try (SseClient sse = stream("", Map.of())) {
            assertThat(sse.status()).isEqualTo(200);
            CloudEvent elsewhere = TestEvents.log(TestEvents.newTenant("elsewhere"), TestEvents.newSessionId(), PLUGIN, "no");
            CloudEvent local = TestEvents.log("local", TestEvents.newSessionId(), PLUGIN, "yes");
            TestEvents.publish(elsewhere, local);
            assertThat(eventIds(read(sse, 1))).containsExactly(local.id());
        }
    }

    static void assertError(SseClient response, int status, String errorCode, String violationField) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.errorBody()).contains("\"error_code\":\"" + errorCode + "\"").contains("\"request_id\"");
        if (violationField != null) {
            assertThat(response.errorBody()).contains("\"field\":\"" + violationField + "\"");
        }
    }

    private static List<String> sessionsOf(List<SseFrame> frames) {
        return frames.stream().map(f -> f.json().get("sessionId").asText()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
