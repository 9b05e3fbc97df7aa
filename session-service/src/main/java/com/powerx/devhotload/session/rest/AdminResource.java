package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.session.rest.DevApiResponses.AdminReloaded;
import com.powerx.devhotload.session.rest.DevApiResponses.AdminSessionPage;
import com.powerx.devhotload.session.rest.DevApiResponses.AuditPage;
import com.powerx.devhotload.session.rest.DevApiResponses.Ended;
import com.powerx.devhotload.session.mapping.SessionIds;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.service.AdminSessions;
import com.powerx.devhotload.session.service.SessionQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** The Admin panel's Dev Hotload API (permission {@code admin.devHotload.manage}, CONTRACT.md §3). */
@Path("/api/admin/dev-hotload")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** {@code {reason}} of terminate and reload. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReasonRequest(String reason) {
    }

    private final AdminSessions admin;
    private final CurrentCaller caller;
    private final DevApiConfig config;

    public AdminResource(AdminSessions admin, CurrentCaller caller, DevApiConfig config) {
        this.admin = admin;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/sessions")
    public Uni<Response> sessions(@QueryParam("status") List<String> status, @QueryParam("pluginId") String pluginId,
                                  @QueryParam("developerId") String developerId, @QueryParam("q") String q,
                                  @QueryParam("page") @DefaultValue("1") int page, @QueryParam("size") @DefaultValue("20") int size) {
        AdminSessions.Filter filter = new AdminSessions.Filter(SessionQueries.parseStatuses(status), pluginId, developerId, q);
        return caller.deferred().flatMap(c -> admin.list(c, filter, page, size))
                .map(p -> Responses.ok(new AdminSessionPage(p.items().stream().map(s -> SessionView.of(s.session(), config)).toList(),
                        p.page(), p.size(), p.total(), p.metrics())));
    }

    @POST
    @Path("/sessions/{id}/terminate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> terminate(@PathParam("id") String id, ReasonRequest body) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> admin.terminate(c, sessionId, body == null ? null : body.reason()))
                .map(ended -> Responses.ok(new Ended(id, ended.status(), null, ended.auditId())));
    }

    @POST
    @Path("/sessions/{id}/reload")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> reload(@PathParam("id") String id, ReasonRequest body) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> admin.reload(c, sessionId, body == null ? null : body.reason()))
                .map(r -> Responses.accepted(new AdminReloaded(id, r.sequence(), r.auditId())));
    }

    @GET
    @Path("/audit")
    public Uni<Response> audit(@QueryParam("sessionId") String sessionId, @QueryParam("actor") String actor,
                               @QueryParam("limit") @DefaultValue("100") int limit) {
        UUID id = sessionId == null ? null : SessionIds.parse(sessionId);
        return caller.deferred().flatMap(c -> admin.audit(c, id, actor, limit)).map(items -> Responses.ok(new AuditPage(items)));
    }
}
