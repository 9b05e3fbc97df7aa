package com.powerx.devhotload.stream.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CredentialSources;
import com.powerx.devhotload.platform.web.RequestIds;
import com.powerx.devhotload.stream.config.ConsoleConfig;
import com.powerx.devhotload.stream.rest.ConsoleRoute.Allowed;
import com.powerx.devhotload.stream.service.StreamMetrics;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/api/{peer}/{path}}: the console page's one way to the admin API, alerts, diagnostics and tickets,
 * so that it works from one origin — the gateway locally, one ingress host on Kubernetes — without CORS.
 * Only the calls of {@link ConsoleRoute#ALLOWED} pass. The caller is authenticated here first (an anonymous caller
 * never reaches a peer: in local mode the peers would take the gateway's loopback address for the local developer);
 * its token (header or {@code px_token} cookie) travels on as {@code Authorization: Bearer}, and the peer decides
 * as if called directly. State-changing calls need the {@code X-PX-Console} header, which a cross-site form cannot
 * send. The JDK client is asynchronous: no event-loop thread waits for a peer.
 */
@ApplicationScoped
public class ConsoleProxy {

    static final String PREFIX = "/console/api/";
    static final String CONSOLE_HEADER = "X-PX-Console";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** Peer response headers the console reads; everything else (cookies, server details) stays behind. */
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Disposition", "Retry-After",
            "X-Log-Lines", "X-Log-Truncated", "Idempotent-Replayed", "WWW-Authenticate");

    private final Vertx vertx;
    private final CallerResolver callers;
    private final ConsoleConfig config;
    private final StreamMetrics metrics;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConsoleProxy(Vertx vertx, CallerResolver callers, ConsoleConfig config, StreamMetrics metrics, ObjectMapper mapper) {
        this.vertx = vertx;
        this.callers = callers;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // The page's relative URLs need the trailing slash.
        router.getWithRegex("/console").handler(rc -> rc.redirect("/console/"));
        router.post(PREFIX + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route(PREFIX + "*").handler(this::forward)
                // With a body handler on the route, a failed token check also fails the routing context: the
                // envelope (401), not the edge's 500.
                .failureHandler(rc -> ErrorReplies.send(rc, mapper, rc.failure() != null ? rc.failure()
                        : rc.statusCode() == 413 ? new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "payload_too_large",
                                "console calls carry at most " + MAX_BODY_BYTES + " bytes")
                        : ApiException.badRequest("bad_request", "request refused (" + rc.statusCode() + ")")));
    }

    private void forward(RoutingContext rc) {
        Context context = vertx.getOrCreateContext();
        Allowed allowed;
        try {
            allowed = allow(rc);
        } catch (ApiException e) {
            ErrorReplies.send(rc, mapper, e);
            return;
        }
        callers.resolve(rc).onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                ErrorReplies.send(rc, mapper, ar.cause());
            } else if (ar.result().isAnonymous()) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                ErrorReplies.send(rc, mapper, ApiException.unauthorized("credentials required"));
            } else {
                send(rc, context, allowed, ar.result());
            }
        }));
    }

    private static Allowed allow(RoutingContext rc) {
        String method = rc.request().method().name();
        ConsoleRoute.Match match = ConsoleRoute.match(method, rc.request().path().substring(PREFIX.length()));
        if (match instanceof ConsoleRoute.WrongMethod) {
            throw new ApiException(ErrorCode.DEV_METHOD_NOT_ALLOWED, "method_not_allowed", method + " is not proxied here");
        }
        if (!(match instanceof Allowed allowed)) {
            throw new ApiException(ErrorCode.DEV_NOT_FOUND, "not_proxied", "the console proxy does not forward " + rc.request().path());
        }
        StreamQuery.rejectCredentials(rc);
        if (!"GET".equals(method) && rc.request().getHeader(CONSOLE_HEADER) == null) {
            throw ApiException.forbidden("state-changing console calls need the " + CONSOLE_HEADER + " header");
        }
        return allowed;
    }

    private void send(RoutingContext rc, Context context, Allowed allowed, Caller caller) {
        HttpRequest request = peerRequest(rc, allowed, caller);
        long started = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure == null) {
                measure(allowed.route(), caller, response, System.nanoTime() - started);
            }
            context.runOnContext(v -> reply(rc, allowed, response, failure));
        });
    }

    private HttpRequest peerRequest(RoutingContext rc, Allowed allowed, Caller caller) {
        String query = rc.request().query();
        URI uri = URI.create(allowed.route().peer().baseUrl(config) + allowed.peerPath() + (query == null ? "" : "?" + query));
        Buffer body = rc.body() == null ? null : rc.body().buffer();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .method(allowed.route().method(), body == null || body.length() == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.getBytes()))
                .header(RequestIds.HEADER, RequestIds.ensure(rc.request()));
        // The local developer (loopback, no credentials) is the only caller without a token, and the peers see the
        // gateway's loopback address: the same local developer. Every other caller's token is passed on as is.
        String token = caller.kind() == Caller.Kind.LOCAL ? null : CredentialSources.token(rc.request());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        copyHeader(rc, request, "Content-Type");
        copyHeader(rc, request, "Accept");
        return request.build();
    }

    private static void copyHeader(RoutingContext rc, HttpRequest.Builder request, String name) {
        String value = rc.request().getHeader(name);
        if (value != null) {
            request.header(name, value);
        }
    }

    /** Runs on the HTTP client's thread: parsing the session page stays off the event loop. */
    private void measure(ConsoleRoute route, Caller caller, HttpResponse<byte[]> response, long nanos) {
        boolean ok = response.statusCode() / 100 == 2;
        if (route.purpose() == ConsoleRoute.Purpose.TERMINATE && ok) {
            metrics.terminateLatency(nanos);
        } else if (route.purpose() == ConsoleRoute.Purpose.SESSION_LIST && ok) {
            try {
                JsonNode active = mapper.readTree(response.body()).path("data").path("metrics").path("active");
                if (active.isNumber() && caller.tenantId() != null) {
                    metrics.activeSessions(caller.tenantId(), active.asInt());
                }
            } catch (Exception e) {
                Log.debugf("session page not readable for the active-sessions gauge: %s", e.getMessage());
            }
        }
    }

    private void reply(RoutingContext rc, Allowed allowed, HttpResponse<byte[]> response, Throwable failure) {
        HttpServerResponse out = rc.response();
        if (out.closed()) {
            return;
        }
        if (failure != null) {
            Log.warnf("console proxy: %s unreachable (%s), request %s", allowed.route().peer().pathName(), failure.toString(),
                    rc.request().getHeader(RequestIds.HEADER));
            ErrorReplies.send(rc, mapper, new ApiException(ErrorCode.DEV_UNAVAILABLE, "peer_unavailable",
                    allowed.route().peer().pathName() + " is not reachable", Map.of("service", allowed.route().peer().pathName()), 5L));
            return;
        }
        out.setStatusCode(response.statusCode()).putHeader("Cache-Control", "no-store");
        for (String name : RESPONSE_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> out.putHeader(name, value));
        }
        out.end(Buffer.buffer(response.body()));
    }
}
