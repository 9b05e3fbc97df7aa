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
 * Fetches blobs from session-service ({@code GET /internal/dev/plugins/blobs/{sha256}} with {@code X-Session-Id}),
 * authenticated by the orchestrator's service token ({@code PX_SERVICE_TOKEN}), which lets session-service serve the
 * blob of whichever tenant owns that session. Without a token the call is anonymous: only the local-mode loopback
 * developer (tenant {@code local}) gets an answer.
 */
@ApplicationScoped
@DefaultBean
public class HttpBlobFetcher implements BlobFetcher {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String serviceToken;

    public HttpBlobFetcher(SandboxConfig config) {
        this.baseUrl = config.sessionServiceUrl().replaceAll("/+$", "");
        this.serviceToken = config.serviceToken().filter(t -> !t.isBlank()).orElse(null);
    }

    @Override
    public void fetch(String tenantId, String sessionId, String sha256, Path target) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/dev/plugins/blobs/" + sha256))
                .timeout(Duration.ofMinutes(2)).header("X-Session-Id", sessionId).GET();
        if (serviceToken != null) {
            request.header("Authorization", "Bearer " + serviceToken);
        }
        HttpResponse<Path> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching blob " + sha256, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("session-service answered " + response.statusCode() + " for blob " + sha256);
        }
    }
}
