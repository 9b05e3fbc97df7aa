package com.powerx.devhotload.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.cli.api.ApiClient.Call;
import com.powerx.devhotload.cli.config.Endpoints;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** session-service's Dev API (CONTRACT §3) as the CLI uses it. */
public final class DevApi {

    private static final String BASE = "/internal/dev/plugins";
    private final ApiClient client;
    private final URI api;

    public DevApi(ApiClient client, Endpoints endpoints) {
        this.client = client;
        this.api = endpoints.api();
    }

    /** POST /register → the response {@code data}; a 409 is thrown as {@code DEV_CONFLICT} with its details. */
    public JsonNode register(ObjectNode body, Auth auth) {
        return client.call(Call.postJson(uri("/register"), auth, body)).data();
    }

    /** A pre-signed upload offered by the server: send the bytes there with this method and these headers. */
    public record DirectUpload(URI url, String method, Map<String, String> headers) {
    }

    /** The blobs the server lacks, and the direct uploads it offers for some of them. */
    public record MissingBlobs(List<String> missing, Map<String, DirectUpload> uploads) {
    }

    /**
     * POST /blobs/missing with each blob's size: a server on object storage may then offer pre-signed uploads for
     * the large ones ({@code data.uploads}); one that does not answers the plain {@code missing} list.
     */
    public MissingBlobs missing(Map<String, Long> sizes, Auth auth) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        sizes.keySet().forEach(body.putArray("sha256")::add);
        ObjectNode sizeMap = body.putObject("sizes");
        sizes.forEach(sizeMap::put);
        JsonNode data = client.call(Call.postJson(uri("/blobs/missing"), auth, body)).data();
        List<String> missing = new ArrayList<>();
        data.path("missing").forEach(sha -> missing.add(sha.asText()));
        Map<String, DirectUpload> uploads = new java.util.LinkedHashMap<>();
        data.path("uploads").properties().forEach(offer -> {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            offer.getValue().path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            uploads.put(offer.getKey(), new DirectUpload(URI.create(offer.getValue().path("url").asText()),
                    offer.getValue().path("method").asText("PUT"), headers));
        });
        return new MissingBlobs(missing, uploads);
    }

    /**
     * Sends a blob to the URL the server offered, streamed from disk, with the offered headers and none of our
     * credentials (the URL carries its own signature). The server counts it only after {@link #confirmUpload}.
     */
    public void uploadDirect(DirectUpload upload, Path file) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("Accept", "*/*"));
        upload.headers().forEach((name, value) -> {
            // The JDK client sets these itself and refuses them as request headers.
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        client.call(new Call(upload.method(), upload.url(), Auth.NONE, headers, null, () -> ofFile(file), Duration.ofMinutes(10)));
    }

    /** POST /blobs/{sha256}/uploaded: the server reads the direct upload back, verifies its hash and records it. */
    public void confirmUpload(String sha256, Auth auth) {
        client.call(Call.postJson(uri("/blobs/" + sha256 + "/uploaded"), auth, "{}").withTimeout(Duration.ofMinutes(10)));
    }

    private static final java.util.Set<String> RESTRICTED_HEADERS = java.util.Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** PUT /blobs/{sha256}, streamed from disk (never read whole into memory). */
    public void upload(String sha256, Path file, Auth auth) {
        Call put = new Call("PUT", uri("/blobs/" + sha256), auth, Map.of(), "application/octet-stream",
                () -> ofFile(file), Duration.ofMinutes(10));
        client.call(put);
    }

    /** POST /reload?wait=N with the idempotency key: the whole envelope (outcome under {@code data.outcome}). */
    public ApiResponse reload(ObjectNode body, String reloadId, int waitSeconds, Auth auth) {
        Call call = Call.postJson(uri("/reload?wait=" + waitSeconds), auth, body)
                .withHeaders(Map.of("x-reload-id", reloadId)).withTimeout(Duration.ofSeconds(waitSeconds + 30L));
        return client.call(call);
    }

    public JsonNode session(String sessionId, Auth auth) {
        return client.call(Call.get(uri("/sessions/" + sessionId), auth)).data();
    }

    public JsonNode stop(String sessionId, String note, Auth auth) {
        String query = note == null ? "" : "?note=" + URLEncoder.encode(note, StandardCharsets.UTF_8);
        return client.call(Call.delete(uri("/sessions/" + sessionId + query), auth)).data();
    }

    /** POST /sessions/{id}/resume → the fresh reload token (the old one stops working). */
    public String resume(String sessionId, Auth auth) {
        JsonNode answer = client.call(Call.postJson(uri("/sessions/" + sessionId + "/resume"), auth, "{}")).body();
        String token = answer.path("data").path("reloadToken").asText(answer.path("reloadToken").asText(""));
        if (token.isEmpty()) {
            throw com.powerx.devhotload.cli.CliException.api("DEV_BAD_RESPONSE", "resume answered no reload token", null);
        }
        return token;
    }

    public URI uri(String path) {
        return Endpoints.at(api, BASE + path);
    }

    private static HttpRequest.BodyPublisher ofFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw com.powerx.devhotload.cli.CliException.invalid(file + " disappeared before it was uploaded", "save it again");
        }
    }
}
