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
import java.util.Collection;
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

    /** POST /blobs/missing → which of {@code sha256s} the server lacks. */
    public List<String> missing(Collection<String> sha256s, Auth auth) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        sha256s.forEach(body.putArray("sha256")::add);
        JsonNode missing = client.call(Call.postJson(uri("/blobs/missing"), auth, body)).data().path("missing");
        List<String> result = new ArrayList<>();
        missing.forEach(sha -> result.add(sha.asText()));
        return result;
    }

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
