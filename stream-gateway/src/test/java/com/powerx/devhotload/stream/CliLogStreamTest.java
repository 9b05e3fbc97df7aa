package com.powerx.devhotload.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
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

import static com.powerx.devhotload.stream.AdminStreamTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/dev/{sessionId}/logs} exactly as the Go CLI reads it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class CliLogStreamTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.logs";

    private static String logs(String session) {
        return "api/v1/dev/" + session + "/logs";
    }

    @Test
    void logLinesAsEventLogThenEndWhenTheSessionIsTerminated() {
        TestEvents.TestSession started = TestEvents.startSession("cli", PLUGIN);
        String tenant = started.tenant();
        String session = started.id();
        String token = started.token();
        List<SseFrame> lines;
        try (SseClient cli = openWhenKnown(logs(session), "", SseClient.bearer(token))) {
            assertThat(cli.next(WAIT).lines()).containsExactly("retry: 3000");
            CloudEvent one = TestEvents.log(tenant, session, PLUGIN, "one");
            CloudEvent two = TestEvents.log(tenant, session, PLUGIN, "two");
            TestEvents.publish(one, TestEvents.reloaded(tenant, session, PLUGIN, 4), TestEvents.alert(tenant, session, PLUGIN),
                    TestEvents.log(tenant, TestEvents.newSessionId(), PLUGIN, "another session"), two);
            lines = read(cli, 2);
            assertThat(lines).extracting(SseFrame::event).containsExactly("log", "log");
            JsonNode first = lines.getFirst().json();
            List<String> fields = new ArrayList<>();
            first.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("timestamp", "level", "source", "message", "sessionId", "reloadSeq");
            assertThat(first.get("message").asText()).isEqualTo("one");
            assertThat(first.get("level").asText()).isEqualTo("info");
            assertThat(first.get("source").asText()).isEqualTo("stdout");
            assertThat(first.get("sessionId").asText()).isEqualTo(session);
            assertThat(first.get("reloadSeq").asLong()).isEqualTo(3);
            assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(lines.get(1).json().get("message").asText()).isEqualTo("two");
            assertThat(drain(cli, Duration.ofMillis(300))).isEmpty();
        }
        try (SseClient resumed = stream(logs(session), "", headers("Authorization", "Bearer " + token,
                "Last-Event-ID", lines.getFirst().id()))) {
            assertThat(read(resumed, 1).getFirst().json().get("message").asText()).isEqualTo("two");
            TestEvents.publish(TestEvents.terminated(tenant, session, PLUGIN));
            SseFrame end = read(resumed, 1).getFirst();
            assertThat(end.event()).isEqualTo("end");
            assertThat(end.json().get("sessionId").asText()).isEqualTo(session);
            assertThat(end.json().get("reason").asText()).isEqualTo("terminated");
            assertThat(resumed.awaitEnd(WAIT)).isTrue();
        }
        assertError(stream(logs(session), "", SseClient.bearer(token)), 401, "DEV_UNAUTHORIZED", null);
    }

    @Test
    void anExpiredSessionEndsItsLogStreamAndAnAdminOfAnEndedSessionGetsEndAtOnce() {
        TestEvents.TestSession started = TestEvents.startSession("cli-expired", PLUGIN);
        String tenant = started.tenant();
        String session = started.id();
        String token = started.token();
        try (SseClient cli = openWhenKnown(logs(session), "", SseClient.bearer(token))) {
            TestEvents.publish(TestEvents.expired(tenant, session, PLUGIN));
            SseFrame end = read(cli, 1).getFirst();
            assertThat(end.event()).isEqualTo("end");
            assertThat(end.json().get("reason").asText()).isEqualTo("expired");
            assertThat(cli.awaitEnd(WAIT)).isTrue();
        }
        try (SseClient admin = stream(logs(session), "", SseClient.bearer(Tokens.admin(tenant)))) {
            assertThat(admin.status()).isEqualTo(200);
            assertThat(read(admin, 1).getFirst().event()).isEqualTo("end");
            assertThat(admin.awaitEnd(WAIT)).isTrue();
        }
    }

    @Test
    void theLogStreamChecksItsSessionAndToken() {
        assertError(stream(logs("not-a-session"), "", SseClient.bearer(TestEvents.newReloadToken())), 400, "DEV_BAD_REQUEST", "sessionId");
        assertError(stream(logs(TestEvents.newSessionId()), "", SseClient.bearer(TestEvents.newReloadToken())), 401, "DEV_UNAUTHORIZED", null);
        assertError(stream(logs(TestEvents.newSessionId()), "", SseClient.bearer(Tokens.admin(TestEvents.newTenant("x")))),
                404, "DEV_NOT_FOUND", null);
    }

    private SseClient stream(String path, String query, java.util.Map<String, String> headers) {
        return SseClient.open(base + path + (query.isEmpty() ? "" : "?" + query), headers);
    }
}
