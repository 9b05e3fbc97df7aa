package com.powerx.devhotload.ticket.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one outbound HTTP path of the bridge (java.net.http, blocking, on worker threads): sends JSON and turns every
 * answer that is not 2xx into a classified {@link TrackerFailure}. Rate limits follow GitHub's and Jira's documented
 * signals: 429, or 403 with {@code Retry-After} or {@code x-ratelimit-remaining: 0} (GitHub's secondary limit).
 */
@ApplicationScoped
public class TrackerHttp {

    /** A 2xx answer. */
    public record Answer(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public TrackerHttp(TicketsConfig config) {
        this.timeout = config.httpTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** {@code body} null: no body. {@code headers} carry the credentials; they are never logged or put in a failure. */
    public Answer send(String operation, String method, String url, Map<String, String> headers, Object body) {
        HttpResponse<String> response = exchange(operation, method, url, headers, body);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(status, parse(response.body()));
        }
        throw failure(operation, response);
    }

    /** Like {@link #send}, but a 404 is an empty answer rather than a failure (lookups). */
    public Optional<Answer> sendAllowingNotFound(String operation, String method, String url, Map<String, String> headers, Object body) {
        HttpResponse<String> response = exchange(operation, method, url, headers, body);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return Optional.of(new Answer(response.statusCode(), parse(response.body())));
        }
        throw failure(operation, response);
    }

    private HttpResponse<String> exchange(String operation, String method, String url, Map<String, String> headers, Object body) {
        try {
            byte[] bytes = body == null ? null : body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .header("Accept", "application/json");
            if (bytes != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::setHeader);
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // A timeout or a dropped connection: the tracker may have done it.
            throw new TrackerFailure(TrackerFailure.Kind.UNCERTAIN, operation + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerFailure(TrackerFailure.Kind.UNCERTAIN, operation + ": interrupted");
        } catch (IllegalArgumentException e) {
            throw new TrackerFailure(TrackerFailure.Kind.PERMANENT, operation + ": invalid tracker URL");
        }
    }

    static TrackerFailure failure(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        Duration retryAfter = retryAfter(response);
        boolean exhausted = response.headers().firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false);
        String message = operation + ": HTTP " + status;
        if (status == 429 || (status == 403 && (retryAfter != null || exhausted))) {
            return new TrackerFailure(TrackerFailure.Kind.RATE_LIMITED, message, retryAfter);
        }
        if (status >= 500 || status == 408) {
            return new TrackerFailure(TrackerFailure.Kind.UNCERTAIN, message, retryAfter);
        }
        return new TrackerFailure(TrackerFailure.Kind.PERMANENT, message);
    }

    /** {@code Retry-After} in seconds (HTTP dates are rare from trackers and read as absent). */
    static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
