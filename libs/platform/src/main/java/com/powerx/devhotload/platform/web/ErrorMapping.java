package com.powerx.devhotload.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.Violation;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps what can escape a resource to the error envelope. Known failures say what went wrong; an unreachable datastore
 * or broker is 503 {@code DEV_UNAVAILABLE} with Retry-After (see {@link DependencyOutages}); anything else is
 * logged with the request id and the client learns only that id — never an exception type or a stack trace.
 */
public class ErrorMapping {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Responses.error(e);
    }

    @ServerExceptionMapper(value = JsonParseException.class, priority = Priorities.USER - 100)
    public Response malformedJson(JsonParseException e) {
        return Responses.error(ApiException.badRequest("malformed_json", "request body is not valid JSON"));
    }

    // Quarkus ships its own mapper for MismatchedInputException (closer in the type hierarchy than
    // JsonMappingException), so ours is declared for that type too, with a higher priority.
    @ServerExceptionMapper(value = {MismatchedInputException.class, JsonMappingException.class}, priority = Priorities.USER - 100)
    public Response wrongShape(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return Responses.error(ApiException.badRequest("malformed_json", "request body has the wrong JSON shape"));
        }
        return Responses.error(ApiException.invalid(field, "has the wrong type"));
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response otherJson(JsonProcessingException e) {
        return Responses.error(ApiException.badRequest("malformed_json", "request body is not valid JSON"));
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::field))
                .toList();
        return Responses.error(ApiException.invalid(violations));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Responses.error(ApiException.unauthorized("missing or invalid credentials"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Responses.error(ApiException.forbidden("not permitted"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, request);
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return wrongShape(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformedJson(null);
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.DEV_UNAUTHORIZED;
            case 403 -> ErrorCode.DEV_FORBIDDEN;
            case 404 -> ErrorCode.DEV_NOT_FOUND;
            case 405 -> ErrorCode.DEV_METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.DEV_NOT_ACCEPTABLE;
            case 413 -> ErrorCode.DEV_PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.DEV_UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.DEV_BAD_REQUEST;
        };
        String reason = switch (code) {
            case DEV_NOT_FOUND -> "not_found";
            case DEV_METHOD_NOT_ALLOWED -> "method_not_allowed";
            case DEV_NOT_ACCEPTABLE -> "not_acceptable";
            case DEV_UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case DEV_PAYLOAD_TOO_LARGE -> "payload_too_large";
            case DEV_UNAUTHORIZED -> "unauthorized";
            case DEV_FORBIDDEN -> "forbidden";
            default -> "bad_request";
        };
        String message = switch (code) {
            case DEV_NOT_FOUND -> "no resource at " + request.getUriInfo().getPath();
            case DEV_UNSUPPORTED_MEDIA_TYPE -> "content type " + request.getMediaType() + " is not accepted here";
            default -> e.getMessage() == null ? reason.replace('_', ' ') : e.getMessage();
        };
        return Responses.error(new ApiException(code, reason, message, Map.of(), null));
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response internal(Throwable e, ContainerRequestContext request) {
        String requestId = request.getHeaderString(RequestIds.HEADER);
        if (DependencyOutages.isOutage(e)) {
            Log.warnf("dependency unavailable, request %s %s %s: %s", requestId, request.getMethod(), request.getUriInfo().getPath(), e);
            return Responses.error(new ApiException(ErrorCode.DEV_UNAVAILABLE, "dependency_unavailable",
                    "a datastore or broker this request needs is unreachable; retry later",
                    Map.of("retryAfterSeconds", DependencyOutages.RETRY_AFTER_SECONDS), DependencyOutages.RETRY_AFTER_SECONDS));
        }
        Log.errorf(e, "unhandled failure, request %s %s %s", requestId, request.getMethod(), request.getUriInfo().getPath());
        return Responses.error(new ApiException(ErrorCode.DEV_INTERNAL, "internal_error",
                "internal error; quote request id " + requestId));
    }

    private static String lastNode(String path) {
        // "register.arg0.pluginId" -> "pluginId": clients know their field names, not our method parameters.
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
