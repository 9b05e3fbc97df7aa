package com.powerx.devhotload.stream;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.stream.support.GatewayTest;
import com.powerx.devhotload.stream.support.SseClient;
import com.powerx.devhotload.stream.support.SseFrame;
import com.powerx.devhotload.stream.support.TestEvents;
import com.powerx.devhotload.stream.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.powerx.devhotload.stream.AdminStreamTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The cluster default (PX_AUTH_MODE=oidc): nobody is implied by the address; tokens come from headers or the cookie. */
@QuarkusTest
@TestProfile(SmallRetentionOidcProfile.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class OidcModeTest extends GatewayTest {

    @Test
    void withoutCredentialsTheStreamIsUnauthorized() {
        SseClient anonymous = stream("", Map.of());
        assertError(anonymous, 401, "DEV_UNAUTHORIZED", null);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aTokenInTheQueryStringIsNeverAccepted() {
        String tenant = TestEvents.newTenant("query");
        assertError(stream(q("access_token", Tokens.admin(tenant)), Map.of()), 400, "DEV_BAD_REQUEST", null);
    }

    @Test
    void anAdminJwtInThePxTokenCookieOpensTheStream() {
        String tenant = TestEvents.newTenant("cookie");
        try (SseClient sse = stream("", Map.of("Cookie", "px_token=" + Tokens.admin(tenant)))) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.next(WAIT).lines()).containsExactly("retry: 3000");
            var log = TestEvents.log(tenant, TestEvents.newSessionId(), "com.acme.cookie", "hi");
            TestEvents.publish(log);
            assertThat(eventIds(read(sse, 1))).containsExactly(log.id());
        }
    }

    @Test
    void aBearerJwtOfAnotherTenantDoesNotSeeThisOne() {
        String tenant = TestEvents.newTenant("mine");
        try (SseClient other = stream("", SseClient.bearer(Tokens.admin(TestEvents.newTenant("other"))));
             SseClient own = stream("", SseClient.bearer(Tokens.admin(tenant)))) {
            var log = TestEvents.log(tenant, TestEvents.newSessionId(), "com.acme.cookie", "hi");
            TestEvents.publish(log);
            assertThat(eventIds(read(own, 1))).containsExactly(log.id());
            assertThat(drain(other, java.time.Duration.ofMillis(500))).extracting(SseFrame::event).isEmpty();
        }
    }
}
