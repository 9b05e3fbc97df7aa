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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An SSE client as the CLI and the console are: when the stream breaks (the gateway killed, Kafka away) it reconnects
 * with the {@code Last-Event-ID} of the last frame it got, for ever, until closed. Every data frame is kept with its
 * id, so a test can tell a lost frame (missing) from a duplicated one (an id twice).
 */
final class ResumingStream implements AutoCloseable {

    record Frame(String id, String event, JsonNode data, long receivedAtNanos) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Supplier<URI> uri;
    private final String token;
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final Thread reader;
    private volatile String lastId;
    private volatile boolean closed;
    private volatile InputStream body;

    /** {@code uri} is asked again at each reconnect (a restarted service keeps its port here, but it reads naturally). */
    ResumingStream(Supplier<URI> uri, String token) {
        this.uri = uri;
        this.token = token;
        this.reader = Thread.ofPlatform().daemon().name("resuming-sse").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri.get()).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream");
                if (lastId != null) {
                    request.header("Last-Event-ID", lastId);
                }
                HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    Thread.sleep(300);
                    continue;
                }
                connects.incrementAndGet();
                body = response.body();
                read(body);
            } catch (InterruptedException e) {
                return;
            } catch (Exception broken) {
                // connection refused or reset: retry below
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void read(InputStream in) throws Exception {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        frames.add(new Frame(id, event, JSON.readTree(data.toString()), System.nanoTime()));
                        if (id != null) {
                            lastId = id;
                        }
                    }
                    event = "message";
                    id = null;
                    data.setLength(0);
                }
            }
        }
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** How many times it connected (1 + the resumes). */
    int connects() {
        return connects.get();
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception ignored) {
            // closing a broken stream
        }
    }
}
