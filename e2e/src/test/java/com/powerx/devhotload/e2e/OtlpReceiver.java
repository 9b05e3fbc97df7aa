package com.powerx.devhotload.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver for the packaged suite: what a collector's {@code :4318} does, reduced to keeping the
 * spans. The services export to it with {@code PX_OTEL_PROTOCOL=http/protobuf}; each POST carries an
 * {@code ExportTraceServiceRequest} (opentelemetry-proto), decoded here by a protobuf reader of a few lines rather than
 * generated classes, reading only the fields the tests look at: the resource's {@code service.name} and each span's
 * ids, name and kind.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One exported span; ids in lower-case hex, {@code parentSpanId} empty for a root. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {

        static final int SERVER = 2;
        static final int CONSUMER = 5;
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger undecodable = new AtomicInteger();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    /** The base URL to give the services as {@code PX_OTEL_ENDPOINT}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    /** Export requests that were not a decodable {@code ExportTraceServiceRequest}: a wrong protocol, a wrong path. */
    int undecodable() {
        return undecodable.get();
    }

    List<Span> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans of {@code traceId} satisfy {@code condition}; answers them either way. */
    List<Span> awaitTrace(String traceId, Predicate<List<Span>> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<Span> found = trace(traceId);
        while (!condition.test(found) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            found = trace(traceId);
        }
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if ("gzip".equalsIgnoreCase(encoding)) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")
                    || type == null || !type.startsWith("application/x-protobuf")) {
                undecodable.incrementAndGet();
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            try {
                spans.addAll(decodeRequest(body));
            } catch (RuntimeException e) {
                undecodable.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // An empty ExportTraceServiceResponse: no partial success to report.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<Span> decodeRequest(byte[] body) {
        List<Span> out = new ArrayList<>();
        for (Field f : Field.all(body)) {
            if (f.number == 1) {
                decodeResourceSpans(f.bytes, out);
            }
        }
        return out;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }   ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
    private static void decodeResourceSpans(byte[] resourceSpans, List<Span> out) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (Field f : Field.all(resourceSpans)) {
            if (f.number == 1) {
                for (Field attribute : Field.all(f.bytes)) {
                    if (attribute.number == 1 && "service.name".equals(key(attribute.bytes))) {
                        service = stringValue(attribute.bytes);
                    }
                }
            } else if (f.number == 2) {
                scopes.add(f.bytes);
            }
        }
        for (byte[] scope : scopes) {
            for (Field f : Field.all(scope)) {
                if (f.number == 2) {
                    out.add(decodeSpan(service, f.bytes));
                }
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; ... }
    private static Span decodeSpan(String service, byte[] span) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0;
        for (Field f : Field.all(span)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint;
                default -> { }
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }   AnyValue { string string_value = 1; ... }
    private static String key(byte[] keyValue) {
        for (Field f : Field.all(keyValue)) {
            if (f.number == 1) {
                return new String(f.bytes, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String stringValue(byte[] keyValue) {
        for (Field f : Field.all(keyValue)) {
            if (f.number == 2) {
                for (Field value : Field.all(f.bytes)) {
                    if (value.number == 1) {
                        return new String(value.bytes, StandardCharsets.UTF_8);
                    }
                }
            }
        }
        return "";
    }

    /** One field of a protobuf message: its number and either a varint or the bytes of a length-delimited value. */
    private record Field(int number, long varint, byte[] bytes) {

        static List<Field> all(byte[] message) {
            List<Field> fields = new ArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(message, at), null));
                    case 1 -> at[0] += 8;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        if (length < 0 || at[0] + length > message.length) {
                            throw new IllegalArgumentException("length-delimited field " + number + " runs past the message");
                        }
                        byte[] value = new byte[length];
                        System.arraycopy(message, at[0], value, 0, length);
                        at[0] += length;
                        fields.add(new Field(number, 0, value));
                    }
                    case 5 -> at[0] += 4;
                    default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " of field " + number);
                }
            }
            if (at[0] != message.length) {
                throw new IllegalArgumentException("a fixed-width field runs past the message");
            }
            return fields;
        }

        private static long varint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at[0] >= message.length) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = message[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }
    }
}
