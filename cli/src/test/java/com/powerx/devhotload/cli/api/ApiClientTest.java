package com.powerx.devhotload.cli.api;

import com.powerx.devhotload.cli.CliException;
import com.powerx.devhotload.cli.Exit;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiClientTest {

    private final List<Duration> waits = new ArrayList<>();
    private final ApiClient client = new ApiClient(null, RetryPolicy.DEFAULT, waits::add, Clock.systemUTC());
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void retriesA429AfterItsRetryAfterThenSucceeds() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        URI uri = serve((exchange) -> {
            if (calls.incrementAndGet() < 3) {
                exchange.getResponseHeaders().add("Retry-After", "2");
                reply(exchange, 429, "{\"code\":429,\"error_code\":\"DEV_RATE_LIMITED\"}");
            } else {
                reply(exchange, 200, "{\"code\":200,\"data\":{\"ok\":true}}");
            }
        });
        ApiResponse response = client.call(ApiClient.Call.get(uri, Auth.NONE));
        assertThat(response.data().path("ok").asBoolean()).isTrue();
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void doesNotRetryOther4xxAndCarriesTheErrorCode() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        URI uri = serve(exchange -> {
            calls.incrementAndGet();
            reply(exchange, 410, "{\"code\":410,\"message\":\"session ended\",\"error_code\":\"DEV_SESSION_ENDED\"}");
        });
        assertThatThrownBy(() -> client.call(ApiClient.Call.get(uri, Auth.NONE))).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Exit.API);
            assertThat(e.errorCode()).isEqualTo("DEV_SESSION_ENDED");
            assertThat(e.oneLine()).contains("410").contains("--resume").doesNotContain("\n");
        });
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void anUnreachableApiIsExit3AfterRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/q/health");
        assertThatThrownBy(() -> client.call(ApiClient.Call.get(uri, Auth.NONE))).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Exit.UNREACHABLE);
            assertThat(e.getMessage()).contains("cannot reach http://127.0.0.1:" + port);
        });
        assertThat(waits).hasSize(RetryPolicy.DEFAULT.maxAttempts() - 1);
    }

    interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler::handle);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }

    static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
