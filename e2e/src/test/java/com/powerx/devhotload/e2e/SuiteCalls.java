package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP and SSE as the suite's clients speak them: raw requests with the headers a client sends, frames as they arrive. */
final class SuiteCalls {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE frame: its {@code event:} name and its parsed {@code data:}. */
    record Frame(String event, String id, JsonNode data) {
    }

    private SuiteCalls() {
    }

    /** Sends {@code method path} with exactly {@code headers} (plus Content-Type for a body), answering the raw response. */
    static HttpResponse<String> send(Suite suite, String service, String method, String path, Map<String, String> headers,
                                     String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(suite.url(service, path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #send} that expects {@code expected} and answers the parsed envelope. */
    static JsonNode expect(int expected, Suite suite, String service, String method, String path, Map<String, String> headers,
                           String body) throws Exception {
        HttpResponse<String> response = send(suite, service, method, path, headers, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Opens an SSE stream and collects its frames on a daemon thread until interrupted or the stream ends. */
    static Thread watch(URI uri, Map<String, String> headers, List<Frame> frames) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("stream " + uri).isEqualTo(200);
        return Thread.ofPlatform().daemon().start(() -> readFrames(response.body(), frames));
    }

    private static void readFrames(InputStream body, List<Frame> frames) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            String id = null;
            String line;
            while (!Thread.currentThread().isInterrupted() && (line = lines.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    frames.add(new Frame(event, id, JSON.readTree(line.substring(6))));
                } else if (line.isEmpty()) {
                    event = "message";
                    id = null;
                }
            }
        } catch (Exception e) {
            // the test ended and interrupted the reader, or the server closed the stream
        }
    }

    /** Waits up to {@code within} until {@code count} frames match, and answers them. */
    static List<Frame> await(List<Frame> frames, Predicate<Frame> match, int count, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        List<Frame> matching = List.of();
        while (Instant.now().isBefore(deadline)) {
            matching = frames.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(50);
        }
        assertThat(matching).as("frames matching within " + within + " (all: " + frames + ")").hasSizeGreaterThanOrEqualTo(count);
        return matching;
    }
}
