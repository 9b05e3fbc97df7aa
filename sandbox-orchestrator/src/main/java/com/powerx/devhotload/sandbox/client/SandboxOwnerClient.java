package com.powerx.devhotload.sandbox.client;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
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
import java.util.List;
import java.util.Map;

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

    /** Sends {@code method path} (with {@code json}, if any) to {@code owner}; 503 when the owner does not answer. */
    public Response forward(URI owner, String method, String path, HttpHeaders headers, byte[] json, Duration timeout) {
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
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ApiException(ErrorCode.DEV_TIMEOUT, "owner_timeout", "the replica running this sandbox did not answer in time");
        } catch (IOException e) {
            // Its lease has not run out yet, but it is gone or unreachable: once adopted, the session answers again.
            Log.warnf("replica %s did not answer a forwarded %s %s: %s", owner, method, path, e.getMessage());
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
