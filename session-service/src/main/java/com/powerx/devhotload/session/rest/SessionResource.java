package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.rest.DevApiResponses.Ended;
import com.powerx.devhotload.session.rest.DevApiResponses.Heartbeat;
import com.powerx.devhotload.session.rest.DevApiResponses.Purged;
import com.powerx.devhotload.session.rest.DevApiResponses.Resumed;
import com.powerx.devhotload.session.rest.DevApiResponses.SessionPage;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import com.powerx.devhotload.session.mapping.SessionIds;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.SuccessEnvelope;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.service.SessionLifecycle;
import com.powerx.devhotload.session.service.SessionPurge;
import com.powerx.devhotload.session.service.SessionQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Session reads, ends, heartbeats and resumes of the Dev API (CONTRACT.md §3). */
@Path("/internal/dev/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final int MAX_LIMIT = 200;

    private final SessionQueries queries;
    private final SessionLifecycle lifecycle;
    private final SessionPurge purge;
    private final CurrentCaller caller;
    private final DevApiConfig config;

    public SessionResource(SessionQueries queries, SessionLifecycle lifecycle, SessionPurge purge, CurrentCaller caller, DevApiConfig config) {
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.purge = purge;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Path("/sessions")
    public Uni<Response> list(@QueryParam("pluginId") String pluginId, @QueryParam("status") List<String> status,
                              @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        if (offset < 0) throw ApiException.invalid("offset", "must not be negative");
        List<SessionStatus> statuses = SessionQueries.parseStatuses(status);
        return caller.deferred().flatMap(c -> queries.list(c.requireTenant(), pluginId, null, null, statuses, limit, offset))
                .map(page -> Responses.ok(new SessionPage(views(page.items()), limit, offset, page.total())));
    }

    private List<SessionView> views(List<Session> sessions) {
        return sessions.stream().map(s -> SessionView.of(s, config)).toList();
    }

    @GET
    @Path("/sessions/{id}")
    @APIResponse(responseCode = "200", description = "the session (envelope data)", content = @Content(schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> queries.get(c, sessionId)).map(s -> Responses.ok(SessionView.of(s, config)));
    }

    /** The Go CLI's status call: the session plus the top-level fields that CLI decodes. */
    @GET
    @Path("/{id}")
    public Uni<Response> status(@PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> queries.get(c, sessionId)).map(s -> {
            SuccessEnvelope envelope = new SuccessEnvelope(200, SessionView.of(s, config))
                    .withTopLevel("sessionId", s.id().toString())
                    .withTopLevel("status", s.status())
                    .withTopLevel("pluginId", s.pluginId())
                    .withTopLevel("version", s.version())
                    .withTopLevel("registeredAt", s.createdAt())
                    .withTopLevel("lastReload", s.lastReloadAt())
                    .withTopLevel("reloadCount", s.reloadCount())
                    .withTopLevel("uptime", Duration.between(s.createdAt(), s.endedAt() != null ? s.endedAt() : Instant.now()).toSeconds());
            return Responses.of(200, envelope);
        });
    }

    @DELETE
    @Path("/sessions/{id}")
    public Uni<Response> terminate(@PathParam("id") String id, @QueryParam("note") String note) {
        return end(id, note);
    }

    /** Shared with {@link RegisterResource}'s {@code DELETE /register/{id}}. */
    Uni<Response> end(String id, String note) {
        String cleanNote = note == null || note.isBlank() ? "terminated by developer" : note.substring(0, Math.min(note.length(), 500));
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> lifecycle.terminate(c, sessionId, cleanNote, "terminate"))
                .map(ended -> Responses.ok(new Ended(ended.sessionId().toString(), ended.status(), ended.note(), null)));
    }

    @DELETE
    @Path("/sessions")
    public Uni<Response> purge(@QueryParam("pluginId") String pluginId, @QueryParam("status") List<String> status,
                               @QueryParam("force") boolean force, @QueryParam("confirm") boolean confirm,
                               @HeaderParam("X-Force-Delete") String forceHeader) {
        boolean forced = force && (confirm || "true".equalsIgnoreCase(forceHeader));
        List<SessionStatus> statuses = SessionQueries.parseStatuses(status);
        return caller.deferred().flatMap(c -> {
            c.require(Permissions.ADMIN_MANAGE);
            return purge.purge(c, pluginId, statuses, forced);
        }).map(ids -> Responses.ok(new Purged(ids.size(), ids, forced)));
    }

    @POST
    @Path("/sessions/{id}/heartbeat")
    public Uni<Response> heartbeat(@PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> lifecycle.heartbeat(c, sessionId)).map(expiresAt -> Responses.ok(new Heartbeat(expiresAt)));
    }

    @POST
    @Path("/sessions/{id}/resume")
    public Uni<Response> resume(@PathParam("id") String id) {
        UUID sessionId = SessionIds.parse(id);
        return caller.deferred().flatMap(c -> lifecycle.resume(c, sessionId)).map(token -> Responses.of(200,
                new SuccessEnvelope(200, new Resumed(id, token)).withTopLevel("reloadToken", token)));
    }
}
