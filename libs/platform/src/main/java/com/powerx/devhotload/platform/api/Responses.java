package com.powerx.devhotload.platform.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds HTTP responses around the two envelopes, so every resource answers in the same shape. */
public final class Responses {

    private Responses() {
    }

    public static Response ok(Object data) {
        return of(200, new SuccessEnvelope(200, data));
    }

    public static Response created(Object data) {
        return of(201, new SuccessEnvelope(201, data));
    }

    public static Response accepted(Object data) {
        return of(202, new SuccessEnvelope(202, data));
    }

    public static Response of(int status, SuccessEnvelope envelope) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(envelope).build();
    }

    public static Response error(ApiException e) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorEnvelope.of(e));
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", e.retryAfterSeconds());
        }
        return builder.build();
    }
}
