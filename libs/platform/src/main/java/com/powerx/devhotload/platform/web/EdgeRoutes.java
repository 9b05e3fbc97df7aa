package com.powerx.devhotload.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.ApiException;
import io.quarkus.logging.Log;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


/**
 * What happens at the HTTP edge before any resource runs: every request gets a request id (echoed as a header on
 * every response, health and metrics included), and requests no route matches get the error envelope.
 */
@ApplicationScoped
public class EdgeRoutes {

    private final ObjectMapper mapper;

    public EdgeRoutes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String requestId = RequestIds.ensure(rc.request());
            rc.response().putHeader(RequestIds.HEADER, requestId);
            rc.next();
        });
        router.errorHandler(404, rc -> write(rc, ErrorCode.DEV_NOT_FOUND, "not_found", "no resource at " + rc.request().path()));
        router.errorHandler(405, rc -> write(rc, ErrorCode.DEV_METHOD_NOT_ALLOWED, "method_not_allowed",
                rc.request().method() + " is not allowed on " + rc.request().path()));
        router.errorHandler(500, rc -> {
            Log.errorf(rc.failure(), "unhandled failure, request %s", rc.request().getHeader(RequestIds.HEADER));
            write(rc, ErrorCode.DEV_INTERNAL, "internal_error", "internal error; quote request id " + rc.request().getHeader(RequestIds.HEADER));
        });
    }

    private void write(RoutingContext rc, ErrorCode code, String reason, String message) {
        EnvelopeWriter.write(rc, mapper, new ApiException(code, reason, message));
    }
}
