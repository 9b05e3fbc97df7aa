package com.powerx.devhotload.stream.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real SSE client for tests, built on {@code java.net.http} (no server classes): it opens the stream, parses
 * frames on a reader thread and queues them. Closing it drops the TCP connection, as a browser tab would.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final SseFrame END = new SseFrame(null, null, null, null, List.of(), List.of());

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<SseFrame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;
    private String errorBody;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errorBody = "";
            }
            reader = null;
            ended = true;
            return;
        }
        reader = Thread.ofVirtual().start(this::readFrames);
    }

    /** Opens {@code url} with the given headers (e.g. Authorization, Cookie, Last-Event-ID). */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a non-200 answer (the JSON error envelope). */
    public String errorBody() {
        return errorBody;
    }

    /** The next frame of any kind, or null if none came within {@code timeout} or the stream ended. */
    public SseFrame next(Duration timeout) {
        try {
            SseFrame frame = ended && frames.isEmpty() ? null : frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == END) {
                frames.add(END); // keep reporting the end
                return null;
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame that carries data (skipping comments and retry), or null. */
    public SseFrame nextEvent(Duration timeout) {
        return nextMatching(SseFrame::isEvent, timeout);
    }

    public SseFrame nextMatching(Predicate<SseFrame> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            SseFrame frame = next(Duration.ofNanos(left));
            if (frame == null) {
                return null;
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Data frames until {@code count} have arrived or {@code timeout} passes. */
    public List<SseFrame> events(int count, Duration timeout) {
        List<SseFrame> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < count) {
            long left = deadline - System.nanoTime();
            SseFrame frame = left <= 0 ? null : nextEvent(Duration.ofNanos(left));
            if (frame == null) {
                break;
            }
            out.add(frame);
        }
        return out;
    }

    /** Whether the server ended the stream within {@code timeout} (after the frames already queued). */
    public boolean awaitEnd(Duration timeout) {
        return Poll.until(timeout, () -> ended && frames.stream().allMatch(f -> f == END));
    }

    public boolean ended() {
        return ended;
    }

    private void readFrames() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                    continue;
                }
                if (!lines.isEmpty()) {
                    frames.add(parse(lines));
                    lines = new ArrayList<>();
                }
            }
        } catch (IOException e) {
            // closed by us or by the server
        } finally {
            ended = true;
            frames.add(END);
        }
    }

    static SseFrame parse(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> comments = new ArrayList<>();
        StringBuilder data = null;
        for (String line : lines) {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (name.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else {
                fields.put(name, value);
            }
        }
        return new SseFrame(fields.get("id"), fields.get("event"), data == null ? null : data.toString(),
                fields.get("retry"), comments, List.copyOf(lines));
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
