package com.powerx.devhotload.session.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.web.DependencyOutages;
import io.quarkus.logging.Log;
import io.smallrye.graphql.api.ErrorExtensionProvider;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * GraphQL errors in the error envelope's terms: each error raised by a resolver gets {@code extensions.error_code}
 * (and {@code reason_code}, {@code details}) as the REST API would answer. An unknown failure is {@code DEV_INTERNAL}
 * and its message stays "System error" (SmallRye hides messages of exceptions not listed in the configuration).
 * Errors the GraphQL engine raises before any resolver runs (syntax, validation, the depth/complexity/size limits)
 * keep GraphQL's own {@code extensions.classification} ({@code InvalidSyntax}, {@code ValidationError},
 * {@code ExecutionAborted}): SmallRye offers no hook to extend those.
 * Loaded by SmallRye through {@code META-INF/services/io.smallrye.graphql.api.ErrorExtensionProvider}.
 */
public final class ApiErrorExtensions {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ApiErrorExtensions() {
    }

    /** {@code extensions.error_code}: the CONTRACT.md §1 code. */
    public static final class Code implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "error_code";
        }

        @Override
        public JsonValue mapValueFrom(Throwable exception) {
            return Json.createValue(code(exception).name());
        }
    }

    /** {@code extensions.reason_code}. */
    public static final class Reason implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "reason_code";
        }

        @Override
        public JsonValue mapValueFrom(Throwable exception) {
            return exception instanceof ApiException api ? Json.createValue(api.reasonCode()) : Json.createValue("internal_error");
        }
    }

    /** {@code extensions.details}: e.g. {@code violations} of bad input. */
    public static final class Details implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "details";
        }

        @Override
        public JsonValue mapValueFrom(Throwable exception) {
            if (!(exception instanceof ApiException api) || api.details().isEmpty()) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            try (var reader = Json.createReader(new StringReader(JSON.writeValueAsString(api.details())))) {
                return reader.readObject();
            } catch (Exception e) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
        }
    }

    /** Called once per error (this provider runs first): the place to log what the client only sees as "System error". */
    static ErrorCode code(Throwable exception) {
        if (exception instanceof ApiException api) {
            return api.errorCode();
        }
        if (DependencyOutages.isOutage(exception)) {
            Log.warnf("admin GraphQL: dependency unavailable: %s", exception.getMessage());
            return ErrorCode.DEV_UNAVAILABLE;
        }
        Log.errorf(exception, "admin GraphQL: unhandled failure");
        return ErrorCode.DEV_INTERNAL;
    }
}
