package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.devstack.LocalTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * PX_DEV_REQUIRE_MTLS=true (issue #16): the Dev API needs a client certificate from the configured client CA; the
 * tenant is its O and the developer its CN. A call without one gets the 401 envelope (client-auth "request"); an
 * expired certificate or one from another CA fails the TLS handshake. Probes stay open. One Quarkus boot, in local
 * auth mode, so the loopback shortcut is covered too: it must not stand in for a certificate.
 */
@QuarkusTest
@TestProfile(MtlsTest.MtlsRequired.class)
class MtlsTest {

    /** The generated key material under the names an operator sets (docs/session-service.md, "mTLS"). */
    public static class MtlsRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path pki = TestPki.dir();
            return Map.of(
                    "PX_DEV_REQUIRE_MTLS", "true",
                    "PX_DEV_TLS_CERT", pki.resolve("server.crt").toString(),
                    "PX_DEV_TLS_KEY", pki.resolve("server.key").toString(),
                    "PX_DEV_TLS_CLIENT_CA", pki.resolve("ca.crt").toString());
        }
    }

    private static final String REGISTER = "/internal/dev/plugins/register";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void aGoodCertificateRegistersAsItsTenantAndDeveloper() throws Exception {
        MtlsClient alice = client(TestPki.GOOD);
        MtlsClient.Answer registered = alice.post(REGISTER, registerBody(), Map.of());
        assertThat(registered.status()).isEqualTo(201);

        MtlsClient.Answer read = alice.get("/internal/dev/plugins/sessions/" + registered.json().getString("data.sessionId"), Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getString("data.tenant")).isEqualTo("acme");
        assertThat(read.json().getString("data.developerId")).isEqualTo("dev-alice");
    }

    @Test
    void withoutACertificateTheDevApiAnswers401() throws Exception {
        MtlsClient.Answer answer = client(null).post(REGISTER, registerBody(), Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().getString("error_code")).isEqualTo("DEV_UNAUTHORIZED");
        assertThat(answer.json().getString("message")).contains("client certificate is required");

        // Plain HTTP from loopback in local mode would be the local developer: not with mTLS on.
        given().contentType("application/json").body(registerBody()).when().post(REGISTER)
                .then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
        // Nor does a valid JWT replace the certificate.
        given().auth().oauth2(jwt("acme")).when().get("/internal/dev/plugins/sessions")
                .then().statusCode(401).body("message", containsString("client certificate"));
    }

    @Test
    void anExpiredCertificateIsRefusedAtTheHandshake() {
        assertThatThrownBy(() -> client(TestPki.EXPIRED).post(REGISTER, registerBody(), Map.of())).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAtTheHandshake() {
        assertThatThrownBy(() -> client(TestPki.FOREIGN).post(REGISTER, registerBody(), Map.of())).isInstanceOf(IOException.class);
    }

    @Test
    void aCertificateWithoutOrganisationIdentifiesNobody() throws Exception {
        MtlsClient.Answer answer = client(TestPki.NO_ORG).post(REGISTER, registerBody(), Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().getString("message")).contains("O (tenant)");
    }

    @Test
    void anotherTenantsCertificateSeesNothingOfAcme() throws Exception {
        MtlsClient.Answer registered = client(TestPki.GOOD).post(REGISTER, registerBody(), Map.of());
        String session = "/internal/dev/plugins/sessions/" + registered.json().getString("data.sessionId");

        MtlsClient.Answer read = client(TestPki.GLOBEX).get(session, Map.of());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().getString("error_code")).isEqualTo("DEV_NOT_FOUND");
    }

    @Test
    void aJwtAlongsideTheCertificateMustNameTheSameTenant() throws Exception {
        MtlsClient alice = client(TestPki.GOOD);
        MtlsClient.Answer same = alice.post(REGISTER, registerBody(), Map.of("Authorization", "Bearer " + jwt("acme")));
        assertThat(same.status()).isEqualTo(201);

        MtlsClient.Answer other = alice.post(REGISTER, registerBody(), Map.of("Authorization", "Bearer " + jwt("globex")));
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.json().getString("message")).contains("does not match the client certificate");
    }

    @Test
    void reloadTokensStillWorkOverTheCertifiedConnection() throws Exception {
        MtlsClient alice = client(TestPki.GOOD);
        MtlsClient.Answer registered = alice.post(REGISTER, registerBody(), Map.of());
        String sessionId = registered.json().getString("data.sessionId");
        String token = registered.json().getString("data.reloadToken");
        String reload = "{\"sessionId\":\"" + sessionId + "\",\"changedFiles\":[\"src/index.ts\"]}";

        MtlsClient.Answer accepted = alice.post("/internal/dev/plugins/reload", reload, Map.of("Authorization", "Bearer " + token));
        assertThat(accepted.status()).isEqualTo(202);

        // The same token without a certificate (plain HTTP, in the header or the body) is refused.
        given().auth().oauth2(token).contentType("application/json").body(reload).when().post("/internal/dev/plugins/reload")
                .then().statusCode(401);
        given().contentType("application/json").body(Map.of("sessionId", sessionId, "reloadToken", token, "changedFiles", List.of("a.ts")))
                .when().post("/internal/dev/plugins/reload").then().statusCode(401);
    }

    @Test
    void theOrchestratorsServiceTokenNeedsNoCertificate() {
        // Over the cluster-internal plain-HTTP listener: an unknown session is 404, not a certificate 401.
        given().auth().oauth2(LocalTokens.forTests().mint("px-system", "sandbox-orchestrator", List.of("devHotload.service")))
                .header("X-Session-Id", java.util.UUID.randomUUID().toString())
                .when().get("/internal/dev/plugins/blobs/" + DevApi.sha256("nothing")).then().statusCode(404);
    }

    @Test
    void probesNeedNoCertificate() throws Exception {
        given().when().get("/q/health/live").then().statusCode(200);
        assertThat(client(null).get("/q/health/live", Map.of()).status()).isEqualTo(200);
    }

    private MtlsClient client(String certificate) throws Exception {
        return MtlsClient.presenting(certificate, URI.create(https.toString()));
    }

    private static String registerBody() {
        return "{\"pluginId\":\"" + DevApi.pluginId() + "\",\"version\":\"1.0.0\"}";
    }

    private static String jwt(String tenant) {
        return LocalTokens.forTests().mint(tenant, "dev-" + tenant, List.of());
    }
}
