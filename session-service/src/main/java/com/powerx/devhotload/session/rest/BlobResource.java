package com.powerx.devhotload.session.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.session.repository.BlobStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Content-addressed bundle blobs, scoped to the caller's tenant (CONTRACT.md §3). */
@Path("/internal/dev/plugins/blobs")
public class BlobResource {

    /**
     * {@code {"sha256": [...]}}, optionally with {@code "sizes": {<sha256>: bytes}} (an addition to CONTRACT.md §3): a
     * client that states sizes can take pre-signed uploads, so only such a client is offered them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MissingRequest(List<String> sha256, Map<String, Long> sizes) {
    }

    /** A pre-signed upload as the client sees it: send the bytes there, then confirm. */
    public record UploadOffer(String url, String method, Map<String, String> headers, String expiresAt) {
        static UploadOffer of(BlobStore.DirectUpload upload) {
            return new UploadOffer(upload.url().toString(), upload.method(), upload.headers(), upload.expiresAt().toString());
        }
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
        Map<String, Long> sizes = request.sizes() == null ? Map.of() : request.sizes();
        return caller.deferred().flatMap(c -> blobs.tenantOf(c, sessionId))
                .flatMap(tenant -> blobs.missing(tenant, request.sha256(), sizes))
                .map(BlobResource::missingData);
    }

    /** {@code uploads} appears only when something is offered, so clients of the plain contract see nothing new. */
    private static Response missingData(BlobService.Missing missing) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("missing", missing.missing());
        if (!missing.uploads().isEmpty()) {
            Map<String, UploadOffer> uploads = new LinkedHashMap<>();
            missing.uploads().forEach((sha, upload) -> uploads.put(sha, UploadOffer.of(upload)));
            data.put("uploads", uploads);
        }
        return Responses.ok(data);
    }

    /** Streams the body to the blob store while hashing it: runs on a worker thread, never buffers the whole blob. */
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
        return stored(blobs.upload(tenant, sha256, body).await().indefinitely());
    }

    /**
     * Confirms a pre-signed upload offered by {@code /missing}: the object is read back and verified, then the blob
     * counts as present (201, or 200 if it already was). Same credentials as the PUT; 404 if nothing was uploaded.
     */
    @POST
    @Path("/{sha256}/uploaded")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response uploaded(@PathParam("sha256") String sha256, @HeaderParam("X-Session-Id") String sessionId) {
        String tenant = blobs.tenantOf(caller.get(), sessionId).await().indefinitely();
        return stored(blobs.confirmUpload(tenant, sha256).await().indefinitely());
    }

    private static Response stored(BlobService.Stored stored) {
        Map<String, Object> data = Map.of("sha256", stored.sha256(), "size", stored.size(), "created", stored.created());
        return stored.created() ? Responses.created(data) : Responses.ok(data);
    }

    /** Blocking: the S3 store streams the object from the bucket to the client on this worker thread. */
    @GET
    @Path("/{sha256}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Blocking
    public Response download(@PathParam("sha256") String sha256, @HeaderParam("X-Session-Id") String sessionId) {
        String tenant = blobs.tenantForDownload(caller.get(), sessionId).await().indefinitely();
        blobs.requirePresent(tenant, sha256).await().indefinitely();
        return switch (blobs.open(tenant, sha256)) {
            case BlobStore.BlobContent.OnDisk disk -> Response.ok(disk.file().toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE).build();
            case BlobStore.BlobContent.Streamed stream -> Response.ok(stream.body(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Length", stream.length()).build();
        };
    }
}
