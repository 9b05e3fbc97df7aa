package com.powerx.devhotload.sandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.repository.LeaseRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A sandbox API call passed on to the replica that runs the session, exactly once: the request carries
 * {@link #FORWARDED_BY}, and a replica never forwards a request that does. The caller's credential goes along unchanged
 * and the owner makes every check (tenant included) as for a direct call; its answer comes back as it is.
 */
@ApplicationScoped
public class SandboxOwnerClient {

    /** Marks a forwarded call (its value: the instance that forwarded it); such a call is answered where it lands. */
    public static final String FORWARDED_BY = "X-Px-Forwarded-By";
    /** What goes along: the credential (header or cookie), and what ties the two hops' logs and traces together. */
    private static final List<String> PASSED_ON = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE, "X-Request-Id", "traceparent", "tracestate");
    private static final List<String> ANSWERED_WITH = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String me;

    public SandboxOwnerClient(InstanceIdentity instance) {
        this.me = instance.value();
    }

    /** What the other replicas answered to a list: their items, and the instances that did not answer. */
    public record PeerLists(List<JsonNode> items, List<String> unanswered) {
    }

    /**
     * Asks every peer for its own sandboxes, all at once, each with the caller's credential (so each applies the same
     * tenant filter as for a direct call) and marked as forwarded (so each answers with its own only). A peer that
     * does not answer in {@code timeout}, or answers anything but 200, is named in {@link PeerLists#unanswered}.
     */
    public PeerLists lists(List<LeaseRepository.LiveOwner> peers, HttpHeaders headers, Duration timeout) {
        List<CompletableFuture<List<JsonNode>>> answers = peers.stream()
                .map(peer -> http.sendAsync(request(URI.create(peer.url()), "GET", "/internal/dev/sandboxes", headers, null, timeout),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(SandboxOwnerClient::itemsOf)
                        .exceptionally(e -> null))
                .toList();
        List<JsonNode> items = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            List<JsonNode> theirs = answers.get(i).join();
            if (theirs == null) {
                unanswered.add(peers.get(i).instanceId());
            } else {
                items.addAll(theirs);
            }
        }
        if (!unanswered.isEmpty()) {
            Log.warnf("sandbox list without the sandboxes of %s: no answer", unanswered);
        }
        return new PeerLists(items, unanswered);
    }

    private static List<JsonNode> itemsOf(HttpResponse<byte[]> answer) {
        if (answer.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode items = EventCodec.mapper().readTree(answer.body()).path("data").path("items");
            List<JsonNode> list = new ArrayList<>();
            items.forEach(list::add);
            return items.isArray() ? list : null;
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest request(URI owner, String method, String path, HttpHeaders headers, byte[] json, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(owner.resolve(path)).timeout(timeout).header(FORWARDED_BY, me)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            request.header(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        for (String name : PASSED_ON) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return request.build();
    }

    /** Sends {@code method path} (with {@code json}, if any) to {@code owner}; 503 when the owner does not answer. */
    public Response forward(URI owner, String method, String path, HttpHeaders headers, byte[] json, Duration timeout) {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request(owner, method, path, headers, json, timeout), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ApiException(ErrorCode.DEV_TIMEOUT, "owner_timeout", "the replica running this sandbox did not answer in time");
        } catch (IOException e) {
            // Its lease has not run out yet, but it is gone or unreachable: once adopted, the session answers again.
            Log.warnf("replica %s did not answer a forwarded %s %s: %s", owner, method, path,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw new ApiException(ErrorCode.DEV_UNAVAILABLE, "owner_unreachable", "the replica running this sandbox is not reachable",
                    Map.of(), 5L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.DEV_UNAVAILABLE, "owner_unreachable", "interrupted", Map.of(), 5L);
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        for (String name : ANSWERED_WITH) {
            answer.headers().firstValue(name).ifPresent(value -> response.header(name, value));
        }
        return response.build();
    }
}
