package com.powerx.devhotload.diagnostics.rest;

import com.powerx.devhotload.diagnostics.domain.CreateReport;
import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import com.powerx.devhotload.diagnostics.mapping.ReportRequests;
import com.powerx.devhotload.diagnostics.service.CallerScope;
import com.powerx.devhotload.diagnostics.service.CallerScope.Scope;
import com.powerx.devhotload.diagnostics.service.Reports;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reports (CONTRACT.md §7): request one, read it as JSON or Markdown, download its log bundle, list them. */
@Path("/internal/debug")
public class ReportResource {

    private static final String MARKDOWN = "text/markdown";

    private final Reports reports;
    private final CallerScope scopes;
    private final CurrentCaller caller;

    public ReportResource(Reports reports, CallerScope scopes, CurrentCaller caller) {
        this.reports = reports;
        this.scopes = scopes;
        this.caller = caller;
    }

    @POST
    @Path("/report")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> request(ReportRequest body) {
        if (body == null) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        List<Violation> violations = new ArrayList<>();
        ReportWindow window = ReportRequests.window(body.window(), violations);
        ReportRequests.severity(body.severity(), violations);
        ReportRequests.length("notes", body.notes(), 4000, violations);
        ReportRequests.length("alertId", body.alertId(), 200, violations);
        ReportRequests.throwIfAny(violations);
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> command(scope, body, window))
                .flatMap(reports::request)
                .map(id -> Responses.accepted(new ReportViews.Accepted(id.toString(), "pending")));
    }

    /** A session named: its plugin and tenant are the session's (and the caller must see it). */
    private Uni<CreateReport> command(Scope scope, ReportRequest body, ReportWindow window) {
        String sessionId = body.sessionId() != null ? body.sessionId() : scope.sessionId();
        if (sessionId == null && body.pluginId() == null) {
            throw ApiException.invalid("pluginId", "pluginId or sessionId is required");
        }
        if (sessionId == null) {
            return Uni.createFrom().item(new CreateReport(scope.tenantId(), body.pluginId(), null, body.traceId(), body.alertId(), window,
                    body.notes(), body.severity()));
        }
        return scopes.visibleSession(scope, sessionId).map(s -> {
            if (body.pluginId() != null && !body.pluginId().equals(s.pluginId())) {
                throw ApiException.invalid("pluginId", "is not the plugin of session " + sessionId);
            }
            return new CreateReport(s.tenantId(), s.pluginId(), s.sessionId(), body.traceId(), body.alertId(), window, body.notes(),
                    body.severity());
        });
    }

    @GET
    @Path("/report/{id}")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN})
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        UUID reportId = ReportRequests.uuid("id", id);
        boolean markdown = accept != null && accept.contains(MARKDOWN) && !accept.contains(MediaType.APPLICATION_JSON);
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> reports.get(scope, reportId)).map(r -> {
            if (markdown && r.markdown() != null) {
                return Response.ok(r.markdown(), MARKDOWN + "; charset=UTF-8").build();
            }
            if (markdown) {
                throw ApiException.conflict("REPORT_NOT_READY", "report " + id + " is " + r.task().status().wire()
                        + "; its Markdown exists once it is ready", java.util.Map.of("status", r.task().status().wire()));
            }
            return Responses.ok(ReportViews.full(r));
        });
    }

    @GET
    @Path("/report/{id}/bundle")
    @Produces({"application/gzip", MediaType.APPLICATION_JSON})
    public Uni<Response> bundle(@PathParam("id") String id) {
        UUID reportId = ReportRequests.uuid("id", id);
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> reports.bundle(scope, reportId))
                .map(bytes -> Response.ok(bytes, "application/gzip")
                        .header("Content-Disposition", "attachment; filename=\"" + ReportViews.bundleName(reportId) + "\"").build());
    }

    @GET
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> list(@QueryParam("pluginId") String pluginId, @QueryParam("sessionId") String sessionId,
                              @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.invalid("limit", "must be between 1 and 500");
        }
        if (status != null && !List.of("pending", "collecting", "masking", "ready", "failed").contains(status)) {
            throw ApiException.invalid("status", "must be one of pending, collecting, masking, ready, failed");
        }
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> reports.list(scope, pluginId, sessionId, status, limit))
                .map(rows -> Responses.ok(java.util.Map.of("items", rows.stream().map(ReportViews.Listed::of).toList())));
    }
}
