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
import java.util.ArrayList;
import java.util.List;

import static com.powerx.devhotload.stream.AdminStreamTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** A tenant never receives, replays or learns of another tenant's events, whatever it asks for. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class TenantIsolationTest extends GatewayTest {

    // Both tenants run a plugin with the same id: a plugin filter must not cross tenants either.
    private static final String PLUGIN = "com.shared.plugin";

    @Test
    void aTenantNeverReceivesAnotherTenantsFramesWhateverItsFilter() {
        String a = TestEvents.newTenant("tenant-a");
        String b = TestEvents.newTenant("tenant-b");
        String sessionA = TestEvents.newSessionId();
        String sessionB = TestEvents.newSessionId();
        String tokenB = TestEvents.newReloadToken();
        TestEvents.publish(TestEvents.registered(a, sessionA, PLUGIN, "dev-a", TestEvents.newReloadToken()),
                TestEvents.registered(b, sessionB, PLUGIN, "dev-b", tokenB));
        // Both sessions are known to the gateway once their owners can open them.
        openWhenKnown(q("sessionId", sessionA), SseClient.bearer(Tokens.admin(a))).close();
        try (SseClient ownB = openWhenKnown(q("sessionId", sessionB), SseClient.bearer(Tokens.admin(b)))) {
            String adminA = Tokens.admin(a);
            assertError(stream(q("sessionId", sessionB), SseClient.bearer(adminA)), 404, "DEV_NOT_FOUND", null);
            assertError(stream(q("sessionId", sessionA) + "&" + q("sessionId", sessionB), SseClient.bearer(adminA)),
                    404, "DEV_NOT_FOUND", null);
            assertError(stream(q("tenantId", b), SseClient.bearer(adminA)), 403, "DEV_FORBIDDEN", null);
            assertError(stream(q("sessionId", sessionA), SseClient.bearer(tokenB)), 401, "DEV_UNAUTHORIZED", null);

            List<SseClient> viewsOfA = new ArrayList<>();
            for (String query : List.of("", q("types", "dev.,plugin."), q("pluginId", PLUGIN), q("sessionId", sessionA),
                    q("last_event_id", "0"), q("tenantId", a))) {
                viewsOfA.add(adminStream(a, query));
            }
            List<CloudEvent> eventsOfB = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                eventsOfB.add(TestEvents.log(b, sessionB, PLUGIN, "secret of b " + i));
            }
            eventsOfB.add(TestEvents.alert(b, sessionB, PLUGIN));
            CloudEvent ofA = TestEvents.log(a, sessionA, PLUGIN, "for a");
            List<CloudEvent> all = new ArrayList<>(eventsOfB);
            all.add(ofA);
            TestEvents.publishAll(all);

            // B's own stream proves every event of B went through the gateway.
            assertThat(eventIds(read(ownB, eventsOfB.size()))).containsExactlyInAnyOrderElementsOf(ids(eventsOfB));
            for (SseClient view : viewsOfA) {
                List<SseFrame> frames = drain(view, Duration.ofMillis(700));
                assertThat(frames).isNotEmpty().allSatisfy(frame -> {
                    assertThat(frame.json().get("tenantId").asText()).isEqualTo(a);
                    assertThat(frame.data()).doesNotContain(sessionB).doesNotContain(b);
                });
                assertThat(eventIds(frames)).contains(ofA.id());
                view.close();
            }
        }
    }
}
