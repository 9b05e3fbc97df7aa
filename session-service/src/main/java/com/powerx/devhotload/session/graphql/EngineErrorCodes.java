package com.powerx.devhotload.session.graphql;

import com.powerx.devhotload.platform.api.ErrorCode;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;
import io.quarkus.logging.Log;
import io.smallrye.graphql.spi.EventingService;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code extensions.error_code} on the errors the GraphQL engine raises itself — a syntax error, an unknown field, a
 * variable of the wrong type, the depth/complexity/token limits — so that every GraphQL error carries a CONTRACT.md §1
 * code, not only those raised by our resolvers ({@link ApiErrorExtensions}). All of them are the caller's bad input:
 * {@code DEV_BAD_REQUEST}, with a {@code reason_code} saying which kind.
 * <p>
 * SmallRye offers no error hook for these, only {@link EventingService#beforeGraphQLBuild}, which runs after SmallRye
 * has set its own instrumentation chain (limits and query cache) and gives no getter for it; the chain is read from the
 * builder's field and ours is appended to it so that nothing SmallRye set is lost. If a graphql-java upgrade renames
 * the field, SmallRye's chain is kept untouched and ours is left out: logged, and {@code AdminGraphQLTest} fails on
 * the missing code. Loaded through {@code META-INF/services/io.smallrye.graphql.spi.EventingService}.
 */
public final class EngineErrorCodes implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            Instrumentation smallrye = (Instrumentation) field.get(builder);
            Instrumentation ours = new CodeInstrumentation();
            return builder.instrumentation(smallrye == null ? ours : new ChainedInstrumentation(smallrye, ours));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.errorf(e, "admin GraphQL: cannot add error_code to engine errors; they keep only their classification");
            return builder;
        }
    }

    /** Rewrites the result's engine errors once execution is over (aborted executions included). */
    static final class CodeInstrumentation implements Instrumentation {
        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = result.getErrors().stream().map(EngineErrorCodes::withCode).toList();
            return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
        }
    }

    static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> existing = error.getExtensions();
        if (error instanceof ExceptionWhileDataFetching || (existing != null && existing.containsKey("error_code"))) {
            return error; // a resolver's error: ApiErrorExtensions codes it from the exception
        }
        Map<String, Object> extensions = new LinkedHashMap<>(existing == null ? Map.of() : existing);
        extensions.put("error_code", ErrorCode.DEV_BAD_REQUEST.name());
        extensions.put("reason_code", reason(error));
        if (error instanceof ValidationError validation) {
            // Rebuilt as a ValidationError so that SmallRye still adds description, validationErrorType and queryPath.
            return ValidationError.newValidationError()
                    .validationErrorType(validation.getValidationErrorType())
                    .description(validation.getDescription())
                    .queryPath(validation.getQueryPath())
                    .sourceLocations(validation.getLocations())
                    .extensions(extensions)
                    .build();
        }
        GraphqlErrorBuilder<?> rebuilt = GraphqlErrorBuilder.newError()
                .message(error.getMessage() == null ? "" : error.getMessage())
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getLocations() != null) {
            rebuilt.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            rebuilt.path(error.getPath());
        }
        return rebuilt.build();
    }

    static String reason(GraphQLError error) {
        ErrorClassification type = error.getErrorType();
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (type == ErrorType.InvalidSyntax) {
            return message.contains("tokens") ? "query_too_large" : "invalid_syntax";
        }
        if (type == ErrorType.ExecutionAborted) {
            if (message.contains("depth")) {
                return "query_too_deep";
            }
            return message.contains("complexity") ? "query_too_complex" : "query_aborted";
        }
        return "invalid_query";
    }
}
