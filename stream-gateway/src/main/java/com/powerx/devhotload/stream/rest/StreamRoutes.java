package com.powerx.devhotload.stream.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.stream.StreamRequest;
import com.powerx.devhotload.stream.Subscription;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.ReplayStreamRepository;
import com.powerx.devhotload.stream.service.LiveTail;
import com.powerx.devhotload.stream.service.StreamAccess;
import com.powerx.devhotload.stream.service.StreamMetrics;
import com.powerx.devhotload.stream.service.SubscriberSlots;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The SSE endpoints of CONTRACT.md §5, as Vert.x routes so that every byte of the text/event-stream (retry, ids,
 * comments) and the socket's backpressure are under our control:
 * {@code GET /internal/dev/plugins/stream} (alias {@code /api/admin/dev-hotload/stream}) and the Go CLI's
 * {@code GET /api/v1/dev/{sessionId}/logs}. Until the first frame, failures answer the JSON error envelope.
 */
@ApplicationScoped
public class StreamRoutes {

    static final String STREAM = "/internal/dev/plugins/stream";
    static final String ADMIN_STREAM = "/api/admin/dev-hotload/stream";
    static final String CLI_LOGS = "/api/v1/dev/:sessionId/logs";

    private final Vertx vertx;
    private final CallerResolver callers;
    private final StreamAccess access;
    private final SubscriberSlots slots;
    private final LiveTail tail;
    private final ReplayStreamRepository streams;
    private final StreamConfig config;
    private final StreamMetrics metrics;
    private final ObjectMapper mapper;

    public StreamRoutes(Vertx vertx, CallerResolver callers, StreamAccess access,
                        SubscriberSlots slots, LiveTail tail, ReplayStreamRepository streams, StreamConfig config,
                        StreamMetrics metrics, ObjectMapper mapper) {
        this.vertx = vertx;
        this.callers = callers;
        this.access = access;
        this.slots = slots;
        this.tail = tail;
        this.streams = streams;
        this.config = config;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.get(STREAM).handler(rc -> open(rc, StreamRequest.Kind.EVENTS));
        router.get(ADMIN_STREAM).handler(rc -> open(rc, StreamRequest.Kind.EVENTS));
        router.get(CLI_LOGS).handler(rc -> open(rc, StreamRequest.Kind.CLI_LOGS));
    }

    private void open(RoutingContext rc, StreamRequest.Kind kind) {
        Context context = vertx.getOrCreateContext();
        StreamRequest request;
        try {
            request = StreamQuery.parse(rc, kind);
        } catch (ApiException e) {
            ErrorReplies.send(rc, mapper, e);
            return;
        }
        callers.resolve(rc)
                .compose(caller -> access.authorize(caller, request))
                .onComplete(ar -> context.runOnContext(v -> {
                    if (ar.failed()) {
                        ErrorReplies.send(rc, mapper, ar.cause());
                    } else {
                        start(rc, context, ar.result(), request);
                    }
                }));
    }

    private void start(RoutingContext rc, Context context, Subscription subscription, StreamRequest request) {
        if (rc.response().closed()) {
            return; // the client left while we were authorizing it
        }
        if (!slots.tryAcquire()) {
            ErrorReplies.send(rc, mapper, ApiException.capacityReached("this gateway replica serves its maximum of streams", 5));
            return;
        }
        new SseConnection(vertx, context, rc.response(), subscription, tail, streams, config, metrics, slots::release)
                .open(request.lastEventId());
    }
}
