package com.powerx.devhotload.session.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.session.domain.BundleLimits;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.session.domain.FileChanges;
import com.powerx.devhotload.session.domain.ReloadCommand;
import com.powerx.devhotload.session.domain.ReloadCommand.Strategy;
import com.powerx.devhotload.session.rest.ReloadRequest;

import java.util.List;
import java.util.Optional;

/**
 * The reload body of every client (ours, the TypeScript client's bare paths, the Go CLI's change objects and bearer
 * token) to one {@link ReloadCommand}; anything invalid is a 400 here, before a session is touched.
 */
public final class ReloadCommands {

    private ReloadCommands() {
    }

    /** {@code bearer} is the reload token of {@code Authorization: Bearer}, used when the body has none. */
    public static ReloadCommand toCommand(ReloadRequest request, Optional<String> bearer, BundleLimits limits) {
        var id = SessionIds.parse(request.sessionId());
        String token = request.reloadToken() != null ? request.reloadToken() : bearer.orElse(null);
        if (token == null) {
            throw ApiException.unauthorized("reload token required (body reloadToken or Authorization: Bearer)");
        }
        Strategy strategy = strategy(request.strategy());
        List<Violation> violations = BundleRules.newList();
        List<FileChanges.Change> changes = FileChanges.parse(request.changedFiles(), violations);
        if (request.files() != null) {
            BundleRules.checkFiles("files", request.files(), limits.maxFiles(), limits.maxBundleBytes(), violations);
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        boolean buildFailed = Boolean.FALSE.equals(request.success()) || hasError(request.diagnostics());
        return new ReloadCommand(id, token, strategy, changes, request.files(), request.buildHash(), request.sequence(),
                request.durationMs(), request.diagnostics(), buildFailed, errorText(request.error()), "developer");
    }

    private static Strategy strategy(String value) {
        if (value == null) {
            return Strategy.DIFF;
        }
        for (Strategy s : Strategy.values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw ApiException.invalid("strategy", "must be diff, full or rollback");
    }

    private static boolean hasError(List<BuildDiagnostic> diagnostics) {
        return diagnostics != null && diagnostics.stream().anyMatch(d -> d != null && "error".equalsIgnoreCase(d.level()));
    }

    /** The CLIs send {@code error} as a string or as an object; either way it is stored as text. */
    private static String errorText(JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isTextual() ? error.asText() : error.toString();
    }
}
