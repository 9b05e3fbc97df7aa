package com.powerx.devhotload.stream.bench;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Recorder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SSE client connection of the benchmark (Vert.x HTTP client, so that a thousand of them cost two event loops):
 * it times every bench frame from its send to its arrival and counts what arrived.
 */
final class BenchSubscriber {

    private final HttpClient http;
    private final String host;
    private final int port;
    private final String uri;
    private final String run;
    private final Recorder latencyMicros;
    private final long warmupSeq;
    private final boolean keepIds;
    private static final byte[] NOTHING = new byte[0];
    private final AtomicLong received = new AtomicLong();
    private byte[] rest = NOTHING; // the start of a frame whose end has not arrived yet
    private final List<String> ids = new ArrayList<>();
    private volatile io.vertx.core.http.HttpConnection connection;

    BenchSubscriber(HttpClient http, String host, int port, String uri, String run, Recorder latencyMicros,
                    long warmupSeq, boolean keepIds) {
        this.http = http;
        this.host = host;
        this.port = port;
        this.uri = uri;
        this.run = run;
        this.latencyMicros = latencyMicros;
        this.warmupSeq = warmupSeq;
        this.keepIds = keepIds;
    }

    /** Connects; completes with the HTTP status (200 once streaming). */
    CompletableFuture<Integer> connect() {
        Promise<Integer> status = Promise.promise();
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(uri)
                        .putHeader("Accept", "text/event-stream"))
                .compose(request -> request.send())
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.body().onComplete(b -> status.tryComplete(response.statusCode()));
                        return;
                    }
                    connection = response.request().connection();
                    response.handler(this::onChunk);
                    status.tryComplete(200);
                })
                .onFailure(status::tryFail);
        return status.future().toCompletionStage().toCompletableFuture();
    }

    /** Connects, retrying while the gateway has not learned the session yet (401/404). */
    void connectWhenKnown(long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            int status = connect().get(30, TimeUnit.SECONDS);
            if (status == 200) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("stream " + uri + " answered " + status);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Splits the stream into frames at blank lines. Not Vert.x's RecordParser: it copies every record and remainder
     * into a fresh buffer, and under P7's 55,000 frames/s that made this load generator the machine's biggest CPU
     * user, starving the gateway it measures.
     */
    private void onChunk(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        byte[] data = rest.length == 0 ? bytes : concat(rest, bytes);
        int start = 0;
        for (int i = 1; i < data.length; i++) {
            if (data[i] == '\n' && data[i - 1] == '\n') {
                onFrame(new String(data, start, i - 1 - start, StandardCharsets.UTF_8));
                start = i + 1;
                i++;
            }
        }
        rest = start >= data.length ? NOTHING : Arrays.copyOfRange(data, start, data.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private void onFrame(String text) {
        BenchEvents.Mark mark = BenchEvents.find(text);
        if (mark == null || !mark.run().equals(run)) {
            return;
        }
        long now = System.nanoTime();
        received.incrementAndGet();
        if (mark.seq() >= warmupSeq) {
            latencyMicros.recordValue(Math.max(0, (now - mark.sentNanos()) / 1000));
        }
        if (keepIds && text.startsWith("id: ")) {
            synchronized (ids) {
                ids.add(text.substring(4, text.indexOf('\n')));
            }
        }
    }

    long received() {
        return received.get();
    }

    List<String> ids() {
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    void close() {
        io.vertx.core.http.HttpConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
