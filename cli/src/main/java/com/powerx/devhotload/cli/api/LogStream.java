package com.powerx.devhotload.cli.api;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.api.ApiClient.Call;
import com.powerx.devhotload.cli.config.Endpoints;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The CLI log stream of CONTRACT §5 ({@code GET /api/v1/dev/{sessionId}/logs} on stream-gateway): follows it, and after
 * a network drop reconnects with {@code Last-Event-ID} so that no line is lost or shown twice.
 */
public final class LogStream {

    private final ApiClient client;
    private final URI stream;
    private final Sleeper sleeper;
    private final java.util.function.Function<String, String> path;
    private final AtomicReference<InputStream> open = new AtomicReference<>();
    private volatile boolean closed;
    private volatile String lastEventId;

    public LogStream(ApiClient client, Endpoints endpoints, Sleeper sleeper) {
        this(client, endpoints, sleeper, sessionId -> "/api/v1/dev/" + sessionId + "/logs");
    }

    private LogStream(ApiClient client, Endpoints endpoints, Sleeper sleeper, java.util.function.Function<String, String> path) {
        this.client = client;
        this.stream = endpoints.stream();
        this.sleeper = sleeper;
        this.path = path;
    }

    /** The session's sandbox events ({@code /internal/dev/plugins/stream}, {@code dev.session.*}): where failures carry their stack. */
    public static LogStream sessionEvents(ApiClient client, Endpoints endpoints, Sleeper sleeper) {
        return new LogStream(client, endpoints, sleeper, sessionId -> "/internal/dev/plugins/stream?sessionId=" + sessionId + "&types=dev.session.");
    }

    /** How a follow ended: the server said the session ended, or {@link #close()} was called. */
    public enum Ending { SESSION_ENDED, CLOSED }

    /**
     * Follows the session's log until it ends or {@link #close()}; every frame (log, gap, end) goes to {@code frames}.
     * Starts after {@code sinceId} when given.
     */
    public Ending follow(String sessionId, String reloadToken, String sinceId, Consumer<SseFrame> frames) {
        lastEventId = sinceId;
        int drops = 0;
        while (!closed) {
            try {
                if (readOnce(sessionId, reloadToken, frames)) {
                    return Ending.SESSION_ENDED;
                }
                drops = 0;
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                drops++;
            } catch (CliException e) {
                if (closed) {
                    break;
                }
                if (e.exitCode() != com.powerx.devhotload.cli.Exit.UNREACHABLE) {
                    throw e;
                }
                drops++;
            }
            pause(Duration.ofMillis(Math.min(3000, 250L * (1L << Math.min(drops, 4)))));
        }
        return Ending.CLOSED;
    }

    /** The id of the last frame seen: where a later {@code logs --since} or reconnection starts. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Stops following: closes the open connection so that the blocked read returns. */
    public void close() {
        closed = true;
        InputStream in = open.getAndSet(null);
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is best effort; the reader sees closed=true either way
            }
        }
    }

    // True when the server ended the stream with `event: end`.
    private boolean readOnce(String sessionId, String reloadToken, Consumer<SseFrame> frames) throws IOException {
        Map<String, String> headers = lastEventId == null ? Map.of("Accept", "text/event-stream")
                : Map.of("Accept", "text/event-stream", "Last-Event-ID", lastEventId);
        Call call = Call.get(Endpoints.at(stream, path.apply(sessionId)), Auth.developer(reloadToken))
                .withHeaders(headers).withTimeout(Duration.ofDays(1));
        HttpResponse<InputStream> response = client.open(call);
        boolean[] ended = {false};
        try (InputStream body = response.body()) {
            open.set(body);
            if (closed) {
                return false;
            }
            SseReader.read(body, frame -> {
                if (frame.id() != null && !frame.id().isBlank()) {
                    lastEventId = frame.id();
                }
                ended[0] |= frame.event().equals("end");
                frames.accept(frame);
            });
        } finally {
            open.set(null);
        }
        if (!ended[0] && !closed) {
            throw new IOException("the log stream closed");
        }
        return ended[0];
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
