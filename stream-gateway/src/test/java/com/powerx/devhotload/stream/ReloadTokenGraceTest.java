package com.powerx.devhotload.stream;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.powerx.devhotload.stream.AdminStreamTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait for a just-registered session ({@code px.stream.unknown-session-grace}, long here so that it shows) is
 * only for a session the gateway has not heard of yet: a wrong reload token on a session it knows is refused at
 * once, on the Go CLI's log stream and on the event stream alike.
 */
@QuarkusTest
@TestProfile(ReloadTokenGraceTest.LongGrace.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class ReloadTokenGraceTest extends GatewayTest {

    static final Duration GRACE = Duration.ofSeconds(5);
    private static final String PLUGIN = "com.acme.grace";

    /** The default profile with a grace long enough to tell "answered at once" from "answered after the wait". */
    public static class LongGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.stream.unknown-session-grace", GRACE.toMillis() + "ms");
        }
    }

    private static String logs(String session) {
        return "api/v1/dev/" + session + "/logs";
    }

    @Test
    void aWrongTokenForAKnownSessionIsRefusedWithoutTheWait() {
        TestEvents.TestSession started = TestEvents.startSession("grace-known", PLUGIN);
        openWhenKnown(logs(started.id()), "", SseClient.bearer(started.token())).close();
        for (String path : List.of(logs(started.id()), STREAM + "?" + q("sessionId", started.id()))) {
            long start = System.nanoTime();
            assertError(SseClient.open(base + path, SseClient.bearer(TestEvents.newReloadToken())), 401,
                    "DEV_UNAUTHORIZED", null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(GRACE.dividedBy(2));
        }
    }

    @Test
    void aTokenWaitsForItsSessionToBeRegistered() throws Exception {
        String tenant = TestEvents.newTenant("grace-new");
        String session = TestEvents.newSessionId();
        String token = TestEvents.newReloadToken();
        // The CLI's stream reaches the gateway before the registration does.
        CompletableFuture<SseClient> opening = CompletableFuture.supplyAsync(
                () -> SseClient.open(base + logs(session), SseClient.bearer(token)));
        Thread.sleep(GRACE.dividedBy(5).toMillis());
        assertThat(opening).as("still waiting for the session").isNotDone();
        TestEvents.publish(TestEvents.registered(tenant, session, PLUGIN, "dev", token));
        try (SseClient cli = opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            assertThat(cli.status()).as(cli.errorBody()).isEqualTo(200);
            CloudEvent line = TestEvents.log(tenant, session, PLUGIN, "first line");
            TestEvents.publish(line);
            assertThat(read(cli, 1).getFirst().json().get("message").asText()).isEqualTo("first line");
        }
    }

    @Test
    void aTokenForAnUnknownSessionIsRefusedAfterTheWait() {
        long start = System.nanoTime();
        assertError(SseClient.open(base + logs(TestEvents.newSessionId()), SseClient.bearer(TestEvents.newReloadToken())),
                401, "DEV_UNAUTHORIZED", null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(GRACE);
    }
}
