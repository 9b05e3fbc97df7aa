package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.platform.security.Permissions;
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

/**
 * {@code GET /api/telemetry/summary} and {@code GET /api/telemetry/alerts}: the caller's tenant (CONTRACT.md §6); the
 * summary of another tenant only for a global admin naming it with {@code tenantId}.
 */
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
                            @QueryParam("sessionId") String sessionId, @QueryParam("tenantId") String tenantId) {
        return Responses.ok(summaries.summary(summaryTenant(caller.get(), blankToNull(tenantId)), window, blankToNull(pluginId),
                blankToNull(sessionId), Instant.now()));
    }

    /**
     * The caller's tenant; another one named by {@code tenantId} only for a global admin's token (diagnostics-service
     * reads the figures of any tenant's session for its reports), else 403 — as stream-gateway's stream does.
     */
    static String summaryTenant(Caller who, String requested) {
        String own = who.requireTenant();
        if (requested == null || requested.equals(own)) {
            return own;
        }
        if (!who.isGlobalAdmin()) {
            throw ApiException.forbidden("permission " + Permissions.ADMIN_GLOBAL + " required to read another tenant's summary");
        }
        return requested;
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
