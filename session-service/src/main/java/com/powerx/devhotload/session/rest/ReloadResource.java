package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.state.ReloadStatus;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.mapping.ReloadCommands;
import com.powerx.devhotload.session.rest.DevApiResponses.ReloadAnswer;
import com.powerx.devhotload.session.service.ReloadService.IdempotencyKey;
import com.powerx.devhotload.session.service.ReloadWaiter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.SuccessEnvelope;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.service.ReloadOutcome;
import com.powerx.devhotload.session.service.ReloadService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;

/** {@code POST /internal/dev/plugins/reload}: a saved change, to be applied to the running sandbox (CONTRACT.md §3). */
@Path("/internal/dev/plugins/reload")
@Produces(MediaType.APPLICATION_JSON)
public class ReloadResource {

    private static final int MAX_WAIT_SECONDS = 30;

    private final ReloadService reloads;
    private final ReloadWaiter waiter;
    private final CurrentCaller caller;
    private final DevApiConfig config;

    public ReloadResource(ReloadService reloads, ReloadWaiter waiter, CurrentCaller caller, DevApiConfig config) {
        this.reloads = reloads;
        this.waiter = waiter;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "accepted (envelope data); 200 with outcome under ?wait", content = @Content(schema = @Schema(implementation = ReloadAnswer.class)))
    public Uni<Response> reload(ReloadRequest request, @HeaderParam("x-reload-id") String reloadKey, @QueryParam("wait") Integer wait) {
        if (request == null) {
            throw ApiException.badRequest("malformed_json", "request body is required");
        }
        if (wait != null && (wait < 0 || wait > MAX_WAIT_SECONDS)) {
            throw ApiException.invalid("wait", "must be between 0 and " + MAX_WAIT_SECONDS + " seconds");
        }
        if (reloadKey != null && (reloadKey.isBlank() || reloadKey.length() > 200)) {
            throw ApiException.invalid("x-reload-id", "must be 1 to 200 characters");
        }
        IdempotencyKey key = reloadKey == null ? null : new IdempotencyKey(reloadKey, ReloadTokens.hash(canonical(request)));
        return caller.deferred().flatMap(c -> reloads.reload(c, ReloadCommands.toCommand(request, c.reloadTokenValue(), config.bundleLimits()), key)).flatMap(accepted -> {
            ReloadOutcome outcome = accepted.outcome();
            boolean waitable = wait != null && wait > 0 && !accepted.replayed() && outcome.status() == ReloadStatus.ACCEPTED;
            Uni<ReloadOutcome> answer = waitable ? waiter.awaitOutcome(outcome, Duration.ofSeconds(wait)) : Uni.createFrom().item(outcome);
            return answer.map(o -> {
                int status = o.outcome() != null ? 200 : 202;
                Response response = Responses.of(status, envelope(status, o));
                if (accepted.replayed()) {
                    response.getHeaders().add("Idempotent-Replayed", "true");
                }
                return response;
            });
        });
    }

    private static SuccessEnvelope envelope(int code, ReloadOutcome o) {
        ReloadAnswer data = ReloadAnswer.of(o);
        // the Go CLI reads these three at the top level of the envelope
        return new SuccessEnvelope(code, data)
                .withTopLevel("status", data.status())
                .withTopLevel("reloadId", data.reloadId())
                .withTopLevel("sequence", data.sequence());
    }

    /** The request re-serialised, so the same content always hashes the same for x-reload-id. */
    private static String canonical(ReloadRequest request) {
        try {
            return EventCodec.mapper().writeValueAsString(request);
        } catch (Exception e) {
            throw ApiException.badRequest("malformed_json", "request body cannot be read");
        }
    }
}
