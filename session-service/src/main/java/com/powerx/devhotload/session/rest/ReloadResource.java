package com.powerx.devhotload.session.rest;

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
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /internal/dev/plugins/reload}: a saved change, to be applied to the running sandbox (CONTRACT.md §3). */
@Path("/internal/dev/plugins/reload")
@Produces(MediaType.APPLICATION_JSON)
public class ReloadResource {

    private static final int MAX_WAIT_SECONDS = 30;

    private final ReloadService reloads;
    private final CurrentCaller caller;

    public ReloadResource(ReloadService reloads, CurrentCaller caller) {
        this.reloads = reloads;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
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
        byte[] requestHash = ReloadTokens.hash(canonical(request));
        return caller.deferred().flatMap(c -> reloads.reload(c, request, reloadKey, requestHash)).flatMap(accepted -> {
            ReloadOutcome outcome = accepted.outcome();
            boolean waitable = wait != null && wait > 0 && !accepted.replayed() && outcome.status().equals("accepted");
            Uni<ReloadOutcome> answer = waitable ? reloads.awaitOutcome(outcome, Duration.ofSeconds(wait)) : Uni.createFrom().item(outcome);
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", o.sessionId().toString());
        data.put("sequence", o.sequence());
        data.put("reloadId", o.reloadId().toString());
        data.put("status", o.status());
        data.put("missingBlobs", o.missingBlobs());
        data.put("clientSequence", o.clientSequence());
        if (o.outcome() != null) {
            data.put("outcome", o.outcome());
        }
        return new SuccessEnvelope(code, data)
                .withTopLevel("status", o.status())
                .withTopLevel("reloadId", o.reloadId().toString())
                .withTopLevel("sequence", o.sequence());
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
