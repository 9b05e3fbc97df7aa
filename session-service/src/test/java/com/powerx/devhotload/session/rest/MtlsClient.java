package com.powerx.devhotload.session.rest;

import io.restassured.path.json.JsonPath;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A Dev API client over HTTPS that presents one of {@link TestPki}'s client certificates (or none), as the CLI does
 * after {@code px-plugin auth configure}. It trusts the test CA for the server's certificate.
 */
final class MtlsClient {

    /** One answer: the status and the JSON body. */
    record Answer(int status, JsonPath json) {
    }

    private final HttpClient http;
    private final URI base;

    private MtlsClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** Presents {@code TestPki.dir()/<name>.crt} with its key; {@code null} presents no certificate at all. */
    static MtlsClient presenting(String name, URI base) {
        try {
            Path dir = TestPki.dir();
            KeyManager[] keys = name == null ? null : new KeyManager[]{new FixedKeyManager(
                    key(dir.resolve(name + ".key")), new X509Certificate[]{certificate(dir.resolve(name + ".crt"))})};
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate(dir.resolve("ca.crt")));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys, trustManagers.getTrustManagers(), null);
            return new MtlsClient(HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build(), base);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET());
    }

    Answer post(String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        return send(request(path, headers).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), JsonPath.from(body == null || body.isBlank() ? "{}" : body));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey key(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /**
     * Always offers its one certificate. The JDK's own key managers skip a certificate whose issuer the server did not
     * list, or that has expired, and would quietly send none; a misconfigured CLI (or an attacker) would still send it.
     */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain;
        }

        @Override public String[] getClientAliases(String keyType, Principal[] issuers) { return new String[]{ALIAS}; }
        @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) { return ALIAS; }
        @Override public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) { return ALIAS; }
        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return null; }
        @Override public X509Certificate[] getCertificateChain(String alias) { return chain; }
        @Override public PrivateKey getPrivateKey(String alias) { return key; }
    }
}
