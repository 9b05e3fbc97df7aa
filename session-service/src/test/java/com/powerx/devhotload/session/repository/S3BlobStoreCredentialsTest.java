package com.powerx.devhotload.session.repository;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod role without keys: IRSA's web identity token, exchanged at STS, reaches S3BlobStore through the SDK's
 * default chain. A JDK HTTP server plays STS; the SDK is pointed at it and at a token file by the system-property twins
 * of the environment variables EKS's webhook sets ({@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN},
 * {@code AWS_REGION}).
 */
class S3BlobStoreCredentialsTest {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/px-dev-hotload-blobs";
    private static final String SESSION_NAME = "session-service";
    // What EKS projects into the pod: a service-account JWT (shape only; STS here checks nothing but equality).
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6cHgtZGV2LWhvdGxvYWQ"
            + "6c2Vzc2lvbi1zZXJ2aWNlIn0.c2lnbmF0dXJl";
    private static final String STS_ACCESS_KEY = "ASIAPXDEVHOTLOADTEST";
    private static final String STS_SECRET_KEY = "sts-issued-secret/key+for-the-test";
    private static final String STS_SESSION_TOKEN = "FwoGZXIvYXdzEPX//////////sts-issued-session-token";

    private final List<Map<String, String>> stsCalls = new CopyOnWriteArrayList<>();
    private final Map<String, String> savedProperties = new HashMap<>();
    private HttpServer sts;

    @TempDir
    Path dir;

    @BeforeEach
    void startStsAndPointTheSdkAtIt() throws IOException {
        sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", this::assumeRoleWithWebIdentity);
        sts.start();
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);

        setProperty("aws.webIdentityTokenFile", tokenFile.toString());
        setProperty("aws.roleArn", ROLE_ARN);
        setProperty("aws.roleSessionName", SESSION_NAME);
        // The web identity provider's STS client takes its region from the default region chain (not from
        // PX_BLOB_S3_REGION); without one it pins the global endpoint and would ignore the override below.
        setProperty("aws.region", "eu-central-1");
        setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
        // Nothing of this machine may answer first or instead: no key properties, no profiles, no EC2 metadata.
        clearProperty("aws.accessKeyId");
        clearProperty("aws.secretAccessKey");
        clearProperty("aws.sessionToken");
        setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        setProperty("aws.configFile", dir.resolve("no-config").toString());
        setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void restoreProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        sts.stop(0);
    }

    @Test
    void withoutKeysTheStoreAssumesTheRoleWithTheWebIdentityToken() {
        AwsCredentialsProvider provider = S3BlobStore.credentialsProvider(Optional.empty(), Optional.empty());
        try {
            AwsCredentials credentials = provider.resolveCredentials();

            assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
            assertThat(credentials.accessKeyId()).isEqualTo(STS_ACCESS_KEY);
            assertThat(credentials.secretAccessKey()).isEqualTo(STS_SECRET_KEY);
            assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo(STS_SESSION_TOKEN);
            assertThat(stsCalls).singleElement().satisfies(call -> assertThat(call)
                    .containsEntry("method", "POST")
                    .containsEntry("Action", "AssumeRoleWithWebIdentity")
                    .containsEntry("Version", "2011-06-15")
                    .containsEntry("RoleArn", ROLE_ARN)
                    .containsEntry("RoleSessionName", SESSION_NAME)
                    .containsEntry("WebIdentityToken", TOKEN));
        } finally {
            ((SdkAutoCloseable) provider).close();
        }
    }

    @Test
    void keysWinWhenBothAreSet() {
        AwsCredentials credentials = S3BlobStore.credentialsProvider(Optional.of("AKIAPXKEY"), Optional.of("px-secret"))
                .resolveCredentials();

        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("AKIAPXKEY");
        assertThat(credentials.secretAccessKey()).isEqualTo("px-secret");
        assertThat(stsCalls).isEmpty();
    }

    /** STS's query protocol: a form-encoded POST in, the AssumeRoleWithWebIdentityResponse document out. */
    private void assumeRoleWithWebIdentity(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> call = formFields(form);
            call.put("method", exchange.getRequestMethod());
            stsCalls.add(call);
            byte[] body = assumeRoleWithWebIdentityResponse(call.get("RoleSessionName")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> formFields(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** The response document of STS's AssumeRoleWithWebIdentity API (API reference, 2011-06-15), as EKS gets it. */
    private static String assumeRoleWithWebIdentityResponse(String sessionName) {
        Instant expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return """
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <SubjectFromWebIdentityToken>system:serviceaccount:px-dev-hotload:session-service</SubjectFromWebIdentityToken>
                    <Audience>sts.amazonaws.com</Audience>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/px-dev-hotload-blobs/%1$s</Arn>
                      <AssumedRoleId>AROAPXDEVHOTLOADTEST:%1$s</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <SessionToken>%2$s</SessionToken>
                      <SecretAccessKey>%3$s</SecretAccessKey>
                      <Expiration>%4$s</Expiration>
                      <AccessKeyId>%5$s</AccessKeyId>
                    </Credentials>
                    <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE</Provider>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata>
                    <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>
                  </ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """.formatted(sessionName, STS_SESSION_TOKEN, STS_SECRET_KEY, expiration, STS_ACCESS_KEY);
    }

    private void setProperty(String name, String value) {
        save(name);
        System.setProperty(name, value);
    }

    private void clearProperty(String name) {
        save(name);
        System.clearProperty(name);
    }

    /** The value before the test (null: unset), kept once so {@link #restoreProperties} puts it back. */
    private void save(String name) {
        if (!savedProperties.containsKey(name)) {
            savedProperties.put(name, System.getProperty(name));
        }
    }
}
