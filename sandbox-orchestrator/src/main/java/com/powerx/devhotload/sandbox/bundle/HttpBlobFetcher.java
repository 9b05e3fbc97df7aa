package com.powerx.devhotload.sandbox.bundle;

import com.powerx.devhotload.sandbox.config.SandboxConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches blobs from session-service ({@code GET /internal/dev/plugins/blobs/{sha256}}). It sends no credentials:
 * session-service serves that call to a loopback caller in local mode (tenant {@code local}); in oidc mode it needs
 * a service credential, which does not exist yet (docs/sandbox-orchestrator.md, "What is left").
 */
@ApplicationScoped
@DefaultBean
public class HttpBlobFetcher implements BlobFetcher {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpBlobFetcher(SandboxConfig config) {
        this.baseUrl = config.sessionServiceUrl().replaceAll("/+$", "");
    }

    @Override
    public void fetch(String tenantId, String sessionId, String sha256, Path target) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/dev/plugins/blobs/" + sha256))
                .timeout(Duration.ofMinutes(2)).header("X-Session-Id", sessionId).GET().build();
        HttpResponse<Path> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching blob " + sha256, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("session-service answered " + response.statusCode() + " for blob " + sha256);
        }
    }
}
