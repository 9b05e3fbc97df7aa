package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.powerx.devhotload.diagnostics.domain.RegressionRun;
import com.powerx.devhotload.diagnostics.mapping.ReportRequests;
import com.powerx.devhotload.diagnostics.service.CallerScope;
import com.powerx.devhotload.diagnostics.service.RegressionRuns;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Regression runs (CONTRACT.md §7): replay a ready report's reproduction against the session's current code. */
@Path("/internal/debug/regression")
@Produces(MediaType.APPLICATION_JSON)
public class RegressionResource {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunRequest(String reportId) {
    }

    public record Started(String runId) {
    }

    public record RunView(String runId, String reportId, String status, String sessionId, String details, String createdAt,
                          String finishedAt) {
        static RunView of(RegressionRun r) {
            return new RunView(r.runId().toString(), r.reportId().toString(), r.status(), r.sessionId(), r.details(),
                    String.valueOf(r.createdAt()), r.finishedAt() == null ? null : r.finishedAt().toString());
        }
    }

    private final RegressionRuns runs;
    private final CallerScope scopes;
    private final CurrentCaller caller;

    public RegressionResource(RegressionRuns runs, CallerScope scopes, CurrentCaller caller) {
        this.runs = runs;
        this.scopes = scopes;
        this.caller = caller;
    }

    @POST
    @Path("/run")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> run(RunRequest body) {
        if (body == null || body.reportId() == null) {
            throw ApiException.invalid("reportId", "is required");
        }
        var reportId = ReportRequests.uuid("reportId", body.reportId());
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> runs.start(scope, reportId))
                .map(runId -> Responses.accepted(new Started(runId.toString())));
    }

    @GET
    @Path("/{runId}")
    public Uni<Response> get(@PathParam("runId") String runId) {
        var id = ReportRequests.uuid("runId", runId);
        return caller.deferred().flatMap(scopes::of).flatMap(scope -> runs.get(scope, id)).map(run -> Responses.ok(RunView.of(run)));
    }
}
