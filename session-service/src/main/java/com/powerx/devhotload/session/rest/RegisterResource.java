package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.SuccessEnvelope;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.service.RegistrationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /internal/dev/plugins/register}: opens a development session (CONTRACT.md §3). */
@Path("/internal/dev/plugins/register")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    private final RegistrationService registrations;
    private final SessionResource sessions;
    private final CurrentCaller caller;
    private final DevApiConfig config;

    public RegisterResource(RegistrationService registrations, SessionResource sessions, CurrentCaller caller, DevApiConfig config) {
        this.registrations = registrations;
        this.sessions = sessions;
        this.caller = caller;
        this.config = config;
    }

    /** The PowerX CLIs end a session here; the same as {@code DELETE /sessions/{id}}. */
    @DELETE
    @Path("/{id}")
    public Uni<Response> unregister(@PathParam("id") String id, @QueryParam("note") String note) {
        return sessions.end(id, note);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(RegisterRequest request) {
        if (request == null) {
            throw ApiException.badRequest("malformed_json", "request body is required");
        }
        return caller.deferred().flatMap(c -> registrations.register(c, request)).map(r -> {
            Session s = r.session();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sessionId", s.id().toString());
            data.put("reloadToken", r.reloadToken());
            data.put("status", s.status());
            data.put("expiresAt", s.expiresAt());
            data.put("pluginId", s.pluginId());
            data.put("version", s.version());
            data.put("runtime", s.runtime());
            data.put("missingBlobs", r.missingBlobs());
            data.put("streamUrl", SessionView.streamUrl(s, config));
            data.put("logUrl", SessionView.logUrl(s, config));
            data.put("adminUrl", SessionView.adminUrl(s, config));
            return Responses.of(201, new SuccessEnvelope(201, data)
                    .withTopLevel("sessionId", s.id().toString())
                    .withTopLevel("reloadToken", r.reloadToken())
                    .withTopLevel("status", s.status())
                    .withTopLevel("expiresAt", s.expiresAt()));
        });
    }
}
