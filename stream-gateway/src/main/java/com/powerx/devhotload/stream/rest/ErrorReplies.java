package com.powerx.devhotload.stream.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.web.EnvelopeWriter;
import com.powerx.devhotload.platform.web.RequestIds;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;

/**
 * The error envelope of CONTRACT.md §1 for the stream routes, which answer before any event frame is written (once
 * the stream has started, failures end it instead).
 */
final class ErrorReplies {

    private ErrorReplies() {
    }

    static void send(RoutingContext rc, ObjectMapper mapper, Throwable failure) {
        if (rc.response().headWritten() || rc.response().closed()) {
            return;
        }
        EnvelopeWriter.write(rc, mapper, toApiException(rc, failure));
    }

    private static ApiException toApiException(RoutingContext rc, Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof AuthenticationFailedException) {
            return ApiException.unauthorized("missing or invalid credentials");
        }
        String requestId = RequestIds.ensure(rc.request());
        Log.errorf(failure, "stream request %s failed before it started", requestId);
        return new ApiException(ErrorCode.DEV_INTERNAL, "internal_error", "internal error; quote request id " + requestId);
    }
}
