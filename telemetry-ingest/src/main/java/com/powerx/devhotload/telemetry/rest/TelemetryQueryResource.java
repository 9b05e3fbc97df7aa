package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.telemetry.domain.AlertView;
import com.powerx.devhotload.telemetry.domain.Summary;
import com.powerx.devhotload.telemetry.service.AlertQueries;
import com.powerx.devhotload.telemetry.service.TelemetrySummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/telemetry/summary} and {@code GET /api/telemetry/alerts}: the caller's tenant only (CONTRACT.md §6). */
@Path("/api/telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class TelemetryQueryResource {

    /** The alerts API data. */
    public record AlertList(List<AlertView> items) {
    }

    private final TelemetrySummary summaries;
    private final AlertQueries alerts;
    private final CurrentCaller caller;

    public TelemetryQueryResource(TelemetrySummary summaries, AlertQueries alerts, CurrentCaller caller) {
        this.summaries = summaries;
        this.alerts = alerts;
        this.caller = caller;
    }

    @GET
    @Path("/summary")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Summary.class)))
    public Response summary(@QueryParam("window") String window, @QueryParam("pluginId") String pluginId,
                            @QueryParam("sessionId") String sessionId) {
        String tenant = caller.get().requireTenant();
        return Responses.ok(summaries.summary(tenant, window, blankToNull(pluginId), blankToNull(sessionId), Instant.now()));
    }

    @GET
    @Path("/alerts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertList.class)))
    public Response alerts(@QueryParam("status") String status, @QueryParam("sessionId") String sessionId,
                           @QueryParam("pluginId") String pluginId, @QueryParam("limit") Integer limit) {
        String tenant = caller.get().requireTenant();
        return Responses.ok(new AlertList(alerts.list(tenant, status, sessionId, pluginId, limit)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
