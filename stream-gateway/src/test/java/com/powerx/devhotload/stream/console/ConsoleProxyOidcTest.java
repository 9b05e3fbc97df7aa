package com.powerx.devhotload.stream.console;

import com.powerx.devhotload.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's auth mode: a caller without credentials gets 401 from the proxy itself and never reaches a peer —
 * the peers must not see an anonymous call coming from the gateway (in local mode they would take its loopback
 * address for the local developer).
 */
@QuarkusTest
@TestProfile(ConsoleProxyOidcTest.Oidc.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
@QuarkusTestResource(FakePeer.class)
class ConsoleProxyOidcTest {

    /** PX_AUTH_MODE=oidc. */
    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.auth.mode", "oidc");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void anAnonymousCallerIsRefusedBeforeAnyPeerIsCalled() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String peer = ConfigProvider.getConfig().getValue("px.console.session-url", String.class);
        String before = http.send(HttpRequest.newBuilder(URI.create(peer + "/__count")).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "console/api/session/api/admin/dev-hotload/sessions")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(r.body()).contains("DEV_UNAUTHORIZED");
        String after = http.send(HttpRequest.newBuilder(URI.create(peer + "/__count")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(after).isEqualTo(before);
        // The page itself needs no credentials: it holds no data.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "console/")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }
}
