package com.powerx.devhotload.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.cli.CliException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every HTTP call of the CLI: one {@link HttpClient} (with the mTLS context when configured), the retry policy, the
 * error envelope turned into a {@link CliException} with the server's {@code error_code}.
 */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    /** Whether calls present a client certificate (the context is built only from a configured identity). */
    private final boolean clientCertificate;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;

    public ApiClient(SSLContext tls, RetryPolicy retry, Sleeper sleeper, Clock clock) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.clientCertificate = tls != null;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** One request to send, re-buildable for every attempt (a body publisher can be read only once). */
    public record Call(String method, URI uri, Auth auth, Map<String, String> headers, String contentType,
                       Supplier<HttpRequest.BodyPublisher> body, Duration timeout) {

        public static Call get(URI uri, Auth auth) {
            return new Call("GET", uri, auth, Map.of(), null, null, CALL_TIMEOUT);
        }

        public static Call delete(URI uri, Auth auth) {
            return new Call("DELETE", uri, auth, Map.of(), null, null, CALL_TIMEOUT);
        }

        public static Call postJson(URI uri, Auth auth, Object body) {
            String text = toJson(body);
            return new Call("POST", uri, auth, Map.of(), "application/json", () -> HttpRequest.BodyPublishers.ofString(text), CALL_TIMEOUT);
        }

        public Call withHeaders(Map<String, String> extra) {
            return new Call(method, uri, auth, extra, contentType, body, timeout);
        }

        public Call withTimeout(Duration value) {
            return new Call(method, uri, auth, headers, contentType, body, value);
        }

        HttpRequest build() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.header("Accept", headers.getOrDefault("Accept", "application/json"));
            request.header("User-Agent", "px-plugin/" + com.powerx.devhotload.cli.PxPlugin.VERSION);
            auth.apply(request);
            headers.forEach((name, value) -> {
                if (!name.equals("Accept")) {
                    request.header(name, value);
                }
            });
            return request.build();
        }
    }

    /** Sends the call with retries; answers a 2xx response or throws the error as a {@link CliException}. */
    public ApiResponse call(Call call) {
        HttpResponse<String> response = exchange(call, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw errorOf(response.statusCode(), response.body(), call);
        }
        return parse(response);
    }

    /** Sends the call with retries and answers whatever status came back (for callers that branch on 409 etc.). */
    public HttpResponse<String> raw(Call call) {
        return exchange(call, HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a streaming response (SSE); non-2xx answers are read whole and thrown. */
    public HttpResponse<InputStream> open(Call call) {
        HttpResponse<InputStream> response = exchange(call, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw errorOf(response.statusCode(), body, call);
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(Call call, HttpResponse.BodyHandler<T> handler) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response;
            try {
                response = http.send(call.build(), handler);
            } catch (IOException e) {
                SSLException tls = tlsCause(e);
                if (tls != null) {
                    throw tlsFailure(call.uri(), tls);
                }
                Optional<Duration> wait = retry.afterConnectionError(attempt);
                if (wait.isEmpty()) {
                    throw refusedAfterHandshake(call.uri(), e) ? certificateRefused(call.uri(), e) : unreachable(call.uri(), e);
                }
                pause(wait.get());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.unreachable("interrupted while calling " + call.uri(), null);
            }
            Optional<Duration> wait = retry.afterStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), attempt, clock.instant());
            if (wait.isEmpty()) {
                return response;
            }
            discard(response);
            pause(wait.get());
        }
    }

    public static ApiResponse parse(HttpResponse<String> response) {
        String text = response.body();
        try {
            JsonNode body = text == null || text.isBlank() ? null : JSON.readTree(text);
            return body == null ? ApiResponse.empty(response.statusCode(), response.headers(), text)
                    : new ApiResponse(response.statusCode(), response.headers(), body, text);
        } catch (IOException notJson) {
            return ApiResponse.empty(response.statusCode(), response.headers(), text);
        }
    }

    /** The error envelope as a one-line {@link CliException} (exit 2) carrying the server's {@code error_code}. */
    public static CliException errorOf(int status, String text, Call call) {
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        String errorCode = body.path("error_code").asText(status == 401 ? "DEV_UNAUTHORIZED" : "HTTP_" + status);
        String message = firstText(body.path("message"), body.path("error"));
        String what = call.method() + " " + call.uri().getPath() + " answered " + status
                + (message == null ? "" : ": " + message) + violations(body);
        return CliException.api(errorCode, what, NextSteps.forError(status, errorCode)).withDetails(body.path("details"));
    }

    private static String violations(JsonNode body) {
        JsonNode list = body.path("details").path("violations");
        if (!list.isArray() || list.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        list.forEach(v -> text.append(text.length() > 2 ? "; " : "").append(v.path("field").asText()).append(": ").append(v.path("message").asText()));
        return text.append(')').toString();
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual() && !node.asText().isBlank() && !node.asText().equalsIgnoreCase("success")) {
                return node.asText();
            }
        }
        return null;
    }

    private static CliException unreachable(URI uri, IOException e) {
        String reason = reason(e);
        return CliException.unreachable("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + reason + ")",
                "is the suite running (deploy/local/up)? check PX_DEV_API_BASE_URL / --api and run px-plugin doctor");
    }

    /** What went wrong in a person's words, not an exception type (the JDK's ConnectException has no message). */
    private static String reason(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "connection failed" : e.getMessage();
    }

    // HttpClient wraps TLS alerts in plain IOExceptions; a rejected handshake is not worth retrying.
    private static SSLException tlsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /*
     * Under TLS 1.3 the client's handshake is over before the server has judged its certificate: a server that refuses
     * the certificate sends an alert and closes, and the client sees the alert (an SSLException) or — when the close
     * wins the race — only a connection closed before any byte of the answer. With a client certificate presented over
     * https, that second form is the same refusal and must read as one.
     */
    private boolean refusedAfterHandshake(URI uri, IOException e) {
        return clientCertificate && "https".equalsIgnoreCase(uri.getScheme()) && !(e instanceof HttpTimeoutException)
                && !(e instanceof java.net.ConnectException) && !(e instanceof java.net.UnknownHostException);
    }

    private static CliException certificateRefused(URI uri, IOException e) {
        return CliException.unreachable("TLS: " + uri.getAuthority() + " closed the connection after the handshake without answering ("
                        + reason(e) + ") — the usual sign that it refused the client certificate",
                "check that the certificate is issued by the CA the server trusts and not expired: px-plugin auth configure --cert --key --ca");
    }

    private static CliException tlsFailure(URI uri, SSLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = e instanceof SSLHandshakeException
                ? "the server rejected the client certificate or is not trusted: check px-plugin auth configure --cert --key --ca"
                : "check the server's TLS setup and px-plugin auth configure";
        return CliException.unreachable("TLS handshake with " + uri.getAuthority() + " failed (" + reason + ")", hint);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted while waiting to retry", null);
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the retry opens a new exchange anyway
            }
        }
    }

    static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
