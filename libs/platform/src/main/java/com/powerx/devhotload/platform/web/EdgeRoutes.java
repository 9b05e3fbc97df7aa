package com.powerx.devhotload.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * What happens at the HTTP edge before any resource runs: every request gets a request id (echoed as a header on
 * every response, health and metrics included), and requests no route matches get the error envelope.
 */
@ApplicationScoped
public class EdgeRoutes {

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public EdgeRoutes(ObjectMapper mapper,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String requestId = RequestIds.ensure(rc.request());
            rc.response().putHeader(RequestIds.HEADER, requestId);
            rc.next();
        });
        // Quarkus refuses a declared body over the limit with a bare 413 (its route at ROUTE_ORDER_UPLOAD_LIMIT); this
        // one, just ahead of it, says the same in the envelope. A chunked body over the limit fails later: errorHandler.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(rc -> {
            String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared)) {
                rc.response().putHeader(HttpHeaders.CONNECTION, "close"); // the body is left unread
                tooLarge(rc);
                return;
            }
            rc.next();
        });
        router.errorHandler(404, rc -> write(rc, ErrorCode.DEV_NOT_FOUND, "not_found", "no resource at " + rc.request().path()));
        router.errorHandler(405, rc -> write(rc, ErrorCode.DEV_METHOD_NOT_ALLOWED, "method_not_allowed",
                rc.request().method() + " is not allowed on " + rc.request().path()));
        // The body limit (quarkus.http.limits.max-body-size) is enforced before any resource; it answered a bare 413.
        router.errorHandler(413, this::tooLarge);
        router.errorHandler(500, rc -> {
            Log.errorf(rc.failure(), "unhandled failure, request %s", rc.request().getHeader(RequestIds.HEADER));
            write(rc, ErrorCode.DEV_INTERNAL, "internal_error", "internal error; quote request id " + rc.request().getHeader(RequestIds.HEADER));
        });
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself
        }
    }

    private void tooLarge(RoutingContext rc) {
        write(rc, ErrorCode.DEV_PAYLOAD_TOO_LARGE, "payload_too_large", "the request body is larger than the "
                + maxBodyBytes + " bytes this service accepts");
    }

    private void write(RoutingContext rc, ErrorCode code, String reason, String message) {
        EnvelopeWriter.write(rc, mapper, new ApiException(code, reason, message));
    }
}
