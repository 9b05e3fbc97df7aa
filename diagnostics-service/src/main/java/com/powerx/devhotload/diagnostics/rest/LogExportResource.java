package com.powerx.devhotload.diagnostics.rest;

import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import com.powerx.devhotload.diagnostics.mapping.ReportRequests;
import com.powerx.devhotload.diagnostics.service.CallerScope;
import com.powerx.devhotload.diagnostics.service.LogExports;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /internal/debug/logs/export} (CONTRACT.md §7): the Admin panel's log export, NDJSON gzip. */
@Path("/internal/debug/logs/export")
public class LogExportResource {

    private final LogExports exports;
    private final CallerScope scopes;
    private final CurrentCaller caller;

    public LogExportResource(LogExports exports, CallerScope scopes, CurrentCaller caller) {
        this.exports = exports;
        this.scopes = scopes;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"application/gzip", MediaType.APPLICATION_JSON})
    public Uni<Response> export(LogExportRequest body) {
        if (body == null) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        List<Violation> violations = new ArrayList<>();
        ReportWindow window = ReportRequests.window(body.window(), violations);
        ReportRequests.level(body.level(), violations);
        ReportRequests.throwIfAny(violations);
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> {
            if (body.sessionId() == null && body.pluginId() == null && scope.sessionId() == null) {
                throw ApiException.invalid("sessionId", "sessionId or pluginId is required");
            }
            return exports.export(scope, body.sessionId(), body.pluginId(), window, body.level());
        }).map(export -> Response.ok(export.gzip(), "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"logs.ndjson.gz\"")
                .header("X-Log-Lines", export.lines())
                .header("X-Log-Truncated", export.truncated())
                .build());
    }
}
