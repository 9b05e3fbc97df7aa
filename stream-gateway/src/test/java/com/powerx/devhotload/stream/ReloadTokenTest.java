package com.powerx.devhotload.stream;

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
import java.util.List;
import java.util.Map;

import static com.powerx.devhotload.stream.AdminStreamTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload token (learned as a hash from dev.session.registered) opens exactly its own session's stream, in a header
 * or the px_token cookie, and stops working when the session ends or /resume replaces it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class ReloadTokenTest extends GatewayTest {

    private static final String PLUGIN = "com.acme.cli";

    @Test
    void aReloadTokenStreamsExactlyItsOwnSession() {
        String tenant = TestEvents.newTenant("tokens");
        String s1 = TestEvents.newSessionId();
        String s2 = TestEvents.newSessionId();
        String t1 = TestEvents.newReloadToken();
        TestEvents.publish(TestEvents.registered(tenant, s1, PLUGIN, "dev", t1),
                TestEvents.registered(tenant, s2, PLUGIN, "dev", TestEvents.newReloadToken()));
        try (SseClient own = openWhenKnown(q("sessionId", s1), SseClient.bearer(t1))) {
            CloudEvent mine = TestEvents.log(tenant, s1, PLUGIN, "mine");
            TestEvents.publish(TestEvents.log(tenant, s2, PLUGIN, "not mine"), mine);
            List<SseFrame> frames = read(own, 1);
            assertThat(eventIds(frames)).containsExactly(mine.id());
            assertThat(drain(own, Duration.ofMillis(300))).isEmpty();
        }
        assertError(stream("", SseClient.bearer(t1)), 400, "DEV_BAD_REQUEST", "sessionId");
        assertError(stream(q("sessionId", s1) + "&" + q("sessionId", s2), SseClient.bearer(t1)), 400, "DEV_BAD_REQUEST", "sessionId");
        assertError(stream(q("sessionId", s2), SseClient.bearer(t1)), 401, "DEV_UNAUTHORIZED", null);
        assertError(stream(q("sessionId", s1), SseClient.bearer(TestEvents.newReloadToken())), 401, "DEV_UNAUTHORIZED", null);
        // The same token in the X-API-Key header (how the Go CLI sends it elsewhere) is the same credential.
        try (SseClient viaApiKey = stream(q("sessionId", s1), Map.of("X-API-Key", t1))) {
            assertThat(viaApiKey.status()).isEqualTo(200);
        }
    }

    @Test
    void theTokenIsForgottenWhenTheSessionEnds() {
        TestEvents.TestSession started = TestEvents.startSession("ended", PLUGIN);
        String tenant = started.tenant();
        String session = started.id();
        String token = started.token();
        try (SseClient open = openWhenKnown(q("sessionId", session), SseClient.bearer(token))) {
            TestEvents.publish(TestEvents.terminated(tenant, session, PLUGIN));
            assertThat(read(open, 1).getFirst().event()).isEqualTo("dev.session.terminated");
            assertThat(open.awaitEnd(WAIT)).as("stream closed when the session ended").isTrue();
        }
        assertError(stream(q("sessionId", session), SseClient.bearer(token)), 401, "DEV_UNAUTHORIZED", null);
        // The session's events stay visible to its tenant's admins.
        try (SseClient admin = adminStream(tenant, q("sessionId", session) + "&" + q("last_event_id", "0"))) {
            assertThat(read(admin, 2)).extracting(SseFrame::event)
                    .containsExactly("dev.session.registered", "dev.session.terminated");
        }
    }

    @Test
    void aResumeReplacesTheTokenAndClosesStreamsOpenedWithTheOldOne() {
        String tenant = TestEvents.newTenant("resume");
        String session = TestEvents.newSessionId();
        String oldToken = TestEvents.newReloadToken();
        String newToken = TestEvents.newReloadToken();
        TestEvents.publish(TestEvents.registered(tenant, session, PLUGIN, "dev", oldToken));
        try (SseClient old = openWhenKnown(q("sessionId", session), SseClient.bearer(oldToken))) {
            TestEvents.publish(TestEvents.resumed(tenant, session, PLUGIN, newToken));
            assertThat(read(old, 1).getFirst().event()).isEqualTo("dev.session.updated");
            assertThat(old.awaitEnd(WAIT)).isTrue();
        }
        try (SseClient renewed = openWhenKnown(q("sessionId", session), SseClient.bearer(newToken))) {
            assertThat(renewed.status()).isEqualTo(200);
        }
        assertError(stream(q("sessionId", session), SseClient.bearer(oldToken)), 401, "DEV_UNAUTHORIZED", null);
    }

    @Test
    void tokensAreAcceptedInThePxTokenCookieForEventSource() {
        TestEvents.TestSession started = TestEvents.startSession("cookie", PLUGIN);
        String tenant = started.tenant();
        String session = started.id();
        String token = started.token();
        try (SseClient byReloadToken = openWhenKnown(q("sessionId", session), Map.of("Cookie", "px_token=" + token));
             SseClient byAdminJwt = stream("", Map.of("Cookie", "px_token=" + Tokens.admin(tenant)))) {
            assertThat(byAdminJwt.status()).isEqualTo(200);
            CloudEvent log = TestEvents.log(tenant, session, PLUGIN, "cookie");
            TestEvents.publish(log);
            assertThat(eventIds(read(byReloadToken, 1))).containsExactly(log.id());
            assertThat(eventIds(read(byAdminJwt, 1))).containsExactly(log.id());
        }
    }
}
