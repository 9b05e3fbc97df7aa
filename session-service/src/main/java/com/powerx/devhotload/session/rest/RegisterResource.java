package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.session.domain.RegisterCommand;
import com.powerx.devhotload.session.mapping.RegisterCommands;
import com.powerx.devhotload.session.rest.DevApiResponses.Registered;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.SuccessEnvelope;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.config.DevApiConfig;
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
    @APIResponse(responseCode = "201", description = "the session (envelope data)", content = @Content(schema = @Schema(implementation = Registered.class)))
    public Uni<Response> register(RegisterRequest request) {
        if (request == null) {
            throw ApiException.badRequest("malformed_json", "request body is required");
        }
        RegisterCommand command = RegisterCommands.toCommand(request, config.bundleLimits());
        return caller.deferred().flatMap(c -> registrations.register(c, command)).map(r -> {
            Registered data = Registered.of(r, config);
            // PowerX's clients read these four at the top level of the envelope
            return Responses.of(201, new SuccessEnvelope(201, data)
                    .withTopLevel("sessionId", data.sessionId())
                    .withTopLevel("reloadToken", data.reloadToken())
                    .withTopLevel("status", data.status())
                    .withTopLevel("expiresAt", data.expiresAt()));
        });
    }
}
