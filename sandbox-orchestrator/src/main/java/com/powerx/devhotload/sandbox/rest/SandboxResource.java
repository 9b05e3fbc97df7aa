package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.service.SandboxInvoker;
import com.powerx.devhotload.sandbox.service.SandboxRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The sandbox API (CONTRACT.md §4): run a handler, read a sandbox, list the caller's sandboxes. */
@Path("/internal/dev/sandboxes")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SandboxResource {

    private final CurrentCaller caller;
    private final SandboxInvoker invoker;
    private final SandboxRegistry registry;

    public SandboxResource(CurrentCaller caller, SandboxInvoker invoker, SandboxRegistry registry) {
        this.caller = caller;
        this.invoker = invoker;
        this.registry = registry;
    }

    /** Runs {@code handler} with {@code payload} on the session's active version → {@code {result, durationMs, sequence}}. */
    @POST
    @Path("/{sessionId}/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invoke(@PathParam("sessionId") String sessionId, InvokeRequest request) {
        if (request == null || request.handler() == null || request.handler().isBlank()) {
            throw ApiException.invalid("handler", "is required");
        }
        JsonNode outcome = invoker.invoke(caller.get(), sessionId, request.handler(), request.payload());
        return Responses.ok(Map.of("result", outcome.path("result"), "durationMs", outcome.path("durationMs").asLong(),
                "sequence", outcome.path("sequence").asLong()));
    }

    /** One sandbox: state, active sequence, reload and restart counts, the last reload, memory. */
    @GET
    @Path("/{sessionId}")
    public Response get(@PathParam("sessionId") String sessionId) {
        return Responses.ok(view(invoker.visible(caller.get(), sessionId)));
    }

    /** The sandboxes of the caller's tenant on this instance. */
    @GET
    public Response list() {
        Caller who = caller.get();
        who.requireTenant();
        List<SandboxView> items = registry.all().stream()
                .filter(s -> who.canSeeTenant(s.tenantId()))
                .sorted(Comparator.comparing(Sandbox::sessionId))
                .map(this::view).toList();
        return Responses.ok(Map.of("items", items, "total", items.size()));
    }

    private SandboxView view(Sandbox sandbox) {
        RunningSandbox process = sandbox.process();
        Long rss = null;
        Long pid = null;
        if (process != null && process.isAlive()) {
            pid = process.pid() > 0 ? process.pid() : null;
            try {
                JsonNode ping = Replies.await(process.ping(), 2_000);
                rss = ping.hasNonNull("rssBytes") ? ping.get("rssBytes").asLong() : null;
            } catch (HarnessError e) {
                // rssBytes stays unknown
            }
        }
        return SandboxView.of(sandbox, rss, pid);
    }
}
