package com.powerx.devhotload.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorEnvelope;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the error envelope straight to a Vert.x response, for code that answers outside JAX-RS (router error
 * handlers, plain routes such as SSE streams) — the same body, request id and headers the exception mapping produces.
 */
public final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    public static void write(RoutingContext rc, ObjectMapper mapper, ApiException error) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.closed()) {
            if (!response.closed() && !response.ended()) {
                response.end();
            }
            return;
        }
        String requestId = RequestIds.ensure(rc.request());
        ErrorEnvelope envelope = ErrorEnvelope.of(error);
        envelope.assignRequestId(requestId);
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .putHeader(RequestIds.HEADER, requestId);
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (error.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
        }
        try {
            response.end(mapper.writeValueAsString(envelope));
        } catch (Exception e) {
            response.end();
        }
    }
}
