package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.sandbox.client.SandboxOwnerClient;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.HarnessError;
import com.powerx.devhotload.sandbox.driver.Replies;
import com.powerx.devhotload.sandbox.driver.RunningSandbox;
import com.powerx.devhotload.sandbox.service.SandboxInvoker;
import com.powerx.devhotload.sandbox.service.SandboxRegistry;
import com.powerx.devhotload.sandbox.service.SessionOwners;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sandbox API (CONTRACT.md §4): run a handler, read a sandbox, list the caller's sandboxes. With several replicas
 * a call for a session another one runs is forwarded to it once ({@link SessionOwners}, {@link SandboxOwnerClient}).
 */
@Path("/internal/dev/sandboxes")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SandboxResource {

    /** A peer pings each of its sandboxes for the list (2 s at most each, done one after another), so not too short. */
    private static final Duration PEER_LIST_TIMEOUT = Duration.ofSeconds(10);

    private final CurrentCaller caller;
    private final SandboxInvoker invoker;
    private final SandboxRegistry registry;
    private final SessionOwners owners;
    private final SandboxOwnerClient ownerClient;
    private final SandboxConfig config;

    public SandboxResource(CurrentCaller caller, SandboxInvoker invoker, SandboxRegistry registry, SessionOwners owners,
                           SandboxOwnerClient ownerClient, SandboxConfig config) {
        this.caller = caller;
        this.invoker = invoker;
        this.registry = registry;
        this.owners = owners;
        this.ownerClient = ownerClient;
        this.config = config;
    }

    /** Runs {@code handler} with {@code payload} on the session's active version → {@code {result, durationMs, sequence}}. */
    @POST
    @Path("/{sessionId}/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invoke(@PathParam("sessionId") String sessionId, InvokeRequest request, @Context HttpHeaders headers) {
        if (request == null || request.handler() == null || request.handler().isBlank()) {
            throw ApiException.invalid("handler", "is required");
        }
        Optional<URI> owner = ownerElsewhere(sessionId, headers);
        if (owner.isPresent()) {
            // as long as the owner itself may take to answer, and a little more for the hop
            Duration timeout = Duration.ofMillis(config.invokeTimeoutMs() + 4L * config.hookTimeoutMs() + 35_000);
            return ownerClient.forward(owner.get(), "POST", path(sessionId) + "/invoke", headers, json(request), timeout);
        }
        JsonNode outcome = invoker.invoke(caller.get(), sessionId, request.handler(), request.payload());
        return Responses.ok(Map.of("result", outcome.path("result"), "durationMs", outcome.path("durationMs").asLong(),
                "sequence", outcome.path("sequence").asLong()));
    }

    /** One sandbox: state, active sequence, reload and restart counts, the last reload, memory. */
    @GET
    @Path("/{sessionId}")
    public Response get(@PathParam("sessionId") String sessionId, @Context HttpHeaders headers) {
        Optional<URI> owner = ownerElsewhere(sessionId, headers);
        if (owner.isPresent()) {
            return ownerClient.forward(owner.get(), "GET", path(sessionId), headers, null, Duration.ofSeconds(15));
        }
        return Responses.ok(view(invoker.visible(caller.get(), sessionId)));
    }

    /**
     * The replica to forward to: only for a caller this replica has authenticated, only when the credential travels in
     * the request (a credential-less local-mode caller or a client certificate would not be the same caller there),
     * and never for a call that was forwarded already — that one is answered here, 404 if the session is not here.
     */
    private Optional<URI> ownerElsewhere(String sessionId, HttpHeaders headers) {
        caller.get().requireTenant();
        if (!mayForward(headers)) {
            return Optional.empty();
        }
        return owners.elsewhere(sessionId);
    }

    private static boolean mayForward(HttpHeaders headers) {
        boolean carriesCredential = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || headers.getHeaderString(HttpHeaders.COOKIE) != null;
        return carriesCredential && headers.getHeaderString(SandboxOwnerClient.FORWARDED_BY) == null;
    }

    private static String path(String sessionId) {
        return "/internal/dev/sandboxes/" + sessionId;
    }

    private static byte[] json(InvokeRequest request) {
        try {
            return EventCodec.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sandboxes of the caller's tenant on every replica: this one's, and those the other replicas with live leases
     * answer for the same caller (asked at once, marked as forwarded so that each answers with its own only). A replica
     * that does not answer is named in {@code unansweredReplicas} rather than failing the list; a session seen twice
     * while it changes hands is shown once.
     */
    @GET
    public Response list(@Context HttpHeaders headers) {
        Caller who = caller.get();
        who.requireTenant();
        Map<String, JsonNode> items = new TreeMap<>();
        registry.all().stream()
                .filter(s -> who.canSeeTenant(s.tenantId()))
                .forEach(s -> items.put(s.sessionId(), EventCodec.mapper().valueToTree(view(s))));
        List<String> unanswered = List.of();
        if (mayForward(headers)) {
            SandboxOwnerClient.PeerLists others = ownerClient.lists(owners.peers(), headers, PEER_LIST_TIMEOUT);
            others.items().forEach(item -> items.putIfAbsent(item.path("sessionId").asText(), item));
            unanswered = others.unanswered();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", List.copyOf(items.values()));
        body.put("total", items.size());
        if (!unanswered.isEmpty()) {
            body.put("unansweredReplicas", unanswered);
        }
        return Responses.ok(body);
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
