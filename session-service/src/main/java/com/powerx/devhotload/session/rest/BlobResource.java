package com.powerx.devhotload.session.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.service.BlobService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Content-addressed bundle blobs, scoped to the caller's tenant (CONTRACT.md §3). */
@Path("/internal/dev/plugins/blobs")
public class BlobResource {

    /** {@code {"sha256": [...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MissingRequest(List<String> sha256) {
    }

    private final BlobService blobs;
    private final CurrentCaller caller;
    private final long maxBlobBytes;

    public BlobResource(BlobService blobs, CurrentCaller caller, com.powerx.devhotload.session.config.DevApiConfig config) {
        this.blobs = blobs;
        this.caller = caller;
        this.maxBlobBytes = config.maxBlobBytes();
    }

    @POST
    @Path("/missing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> missing(MissingRequest request, @HeaderParam("X-Session-Id") String sessionId) {
        if (request == null || request.sha256() == null) {
            throw ApiException.invalid("sha256", "is required");
        }
        if (request.sha256().size() > 100_000) {
            throw ApiException.invalid("sha256", "at most 100000 hashes per call");
        }
        return caller.deferred().flatMap(c -> blobs.tenantOf(c, sessionId))
                .flatMap(tenant -> blobs.missing(tenant, request.sha256()))
                .map(missing -> Responses.ok(Map.of("missing", missing)));
    }

    /** Streams the body to the blob volume while hashing it: runs on a worker thread, never buffers the whole blob. */
    @PUT
    @Path("/{sha256}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response upload(@PathParam("sha256") String sha256, @HeaderParam("X-Session-Id") String sessionId,
                           @HeaderParam("Content-Length") Long contentLength, InputStream body) {
        if (contentLength != null && contentLength > maxBlobBytes) {
            // Refuse before reading a byte; uploads without a length are still cut off by the store at the limit.
            throw new ApiException(com.powerx.devhotload.platform.api.ErrorCode.DEV_PAYLOAD_TOO_LARGE, "blob_too_large",
                    "blob is larger than " + maxBlobBytes + " bytes", Map.of("limit", maxBlobBytes), null);
        }
        String tenant = blobs.tenantOf(caller.get(), sessionId).await().indefinitely();
        BlobService.Stored stored = blobs.upload(tenant, sha256, body).await().indefinitely();
        Map<String, Object> data = Map.of("sha256", stored.sha256(), "size", stored.size(), "created", stored.created());
        return stored.created() ? Responses.created(data) : Responses.ok(data);
    }

    @GET
    @Path("/{sha256}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Uni<Response> download(@PathParam("sha256") String sha256, @HeaderParam("X-Session-Id") String sessionId) {
        return caller.deferred().flatMap(c -> blobs.tenantForDownload(c, sessionId))
                .flatMap(tenant -> blobs.open(tenant, sha256))
                .map(path -> Response.ok(path.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE).build());
    }
}
