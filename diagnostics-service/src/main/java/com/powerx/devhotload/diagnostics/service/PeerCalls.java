package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls to the peers (telemetry-ingest, the orchestrator, session-service) with diagnostics' own service token.
 * Blocking on purpose: they run on report and regression worker threads, never on an event loop.
 */
@ApplicationScoped
public class PeerCalls {

    /** A peer's answer: status and parsed body (null when it was not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DiagnosticsConfig config;

    public PeerCalls(DiagnosticsConfig config) {
        this.config = config;
    }

    public Answer get(String url, Duration timeout) throws IOException, InterruptedException {
        return send(request(url, timeout).GET().build());
    }

    public Answer post(String url, String json, Duration timeout) throws IOException, InterruptedException {
        return send(request(url, timeout).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String url, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
        config.serviceToken().filter(t -> !t.isBlank()).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = r.body() == null || r.body().isBlank() ? null : JsonText.tree(r.body());
        } catch (RuntimeException notJson) {
            body = null;
        }
        return new Answer(r.statusCode(), body);
    }
}
