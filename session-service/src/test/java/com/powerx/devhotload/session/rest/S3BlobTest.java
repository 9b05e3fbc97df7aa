package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.ObjectStoreResource;
import com.powerx.devhotload.devstack.S3ProxyNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.file;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static com.powerx.devhotload.session.rest.DevApi.sha256;
import static com.powerx.devhotload.session.rest.DevApi.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The blob store on S3 ({@code PX_BLOB_STORE=s3}) against a real S3 API server (the devstack's s3proxy), through the
 * real HTTP API: plain PUTs, pre-signed uploads with their confirm, hash checks on both paths, tenant scoping, and a
 * large blob streamed both ways.
 */
@QuarkusTest
@TestProfile(S3BlobTest.OnS3.class)
class S3BlobTest {

    static final String BUCKET = "px-blobs-test";
    static final int PRESIGN_MIN = 1024;

    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.blob.s3.presign-min-bytes", Integer.toString(PRESIGN_MIN),
                    "px.blob.s3.prefix", "px-dev/");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ObjectStoreResource.class, Map.of("bucket", BUCKET)));
        }
    }

    static S3Client bucket;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void openBucket() {
        bucket = S3Client.builder().endpointOverride(URI.create(DevStack.shared().s3().endpoint()))
                .region(Region.of(S3ProxyNode.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyNode.ACCESS_KEY, S3ProxyNode.SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build();
    }

    @AfterAll
    static void closeBucket() {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Test
    void registerMissingPutStartsTheSessionAndTheBytesLiveInTheBucket() {
        String a = "export const a = '" + UUID.randomUUID() + "';";
        String b = "export const b = '" + UUID.randomUUID() + "';";
        var r = register(as("acme"), Map.of("pluginId", DevApi.pluginId(), "runtime", "node",
                "files", List.of(file("index.mjs", a), file("lib/b.mjs", b)))).statusCode(201).extract();
        String id = r.path("data.sessionId");
        // Small blobs: no direct upload is offered, and a client stating no sizes sees the plain contract answer.
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(sha256(a)), "sizes", Map.of(sha256(a), a.length())))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(200)
                .body("data.missing", contains(sha256(a))).body("data.uploads", nullValue());

        upload(as("acme"), a).statusCode(201);
        as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("waiting-for-files"));
        upload(as("acme"), b).statusCode(201);
        upload(as("acme"), b).statusCode(200);
        as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("starting"));

        byte[] back = as("acme").when().get("/internal/dev/plugins/blobs/" + sha256(a)).then().statusCode(200)
                .header("Content-Length", Integer.toString(a.length())).extract().asByteArray();
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(a);
        assertThat(blobKeys()).anyMatch(k -> k.startsWith("px-dev/blobs/") && k.endsWith("/" + sha256(a).substring(0, 2) + "/" + sha256(a)));
    }

    @Test
    void aLargeBlobGoesUpByPreSignedUrlAndCountsOnlyOnceConfirmed() throws Exception {
        byte[] big = bytes(8 * 1024, 1);
        String sha = sha256(big);
        var r = register(as("acme"), Map.of("pluginId", DevApi.pluginId(), "runtime", "node",
                "files", List.of(Map.of("path", "asset.bin", "sha256", sha, "size", big.length)))).statusCode(201).extract();
        String id = r.path("data.sessionId");

        JsonPath offer = offer("acme", sha, big.length);
        assertThat(offer.getString("method")).isEqualTo("PUT");
        assertThat(offer.getString("url")).startsWith(DevStack.shared().s3().endpoint());
        assertThat(offer.getString("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        // The bucket checks the signature: the same URL aimed at another key is refused.
        String forged = offer.getString("url").replace(sha, sha256("forged"));
        assertThat(putTo(offer, forged, big)).isEqualTo(403);
        assertThat(putTo(offer, big)).isEqualTo(200);
        // Uploaded but not confirmed: nothing counts as present yet.
        as("acme").when().get("/internal/dev/plugins/blobs/" + sha).then().statusCode(404);
        as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("waiting-for-files"));

        as("acme").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(201)
                .body("data.size", equalTo(big.length)).body("data.created", equalTo(true));
        as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("starting"));
        byte[] back = as("acme").when().get("/internal/dev/plugins/blobs/" + sha).then().statusCode(200).extract().asByteArray();
        assertThat(sha256(back)).isEqualTo(sha);
        // A repeated confirm (the first answer lost) is a 200, like a second PUT; the upload key is gone.
        as("acme").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(200).body("data.created", equalTo(false));
        assertThat(blobKeys()).noneMatch(k -> k.contains("/uploads/"));
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(sha), "sizes", Map.of(sha, big.length)))
                .when().post("/internal/dev/plugins/blobs/missing").then().body("data.missing", empty()).body("data.uploads", nullValue());
    }

    @Test
    void aConfirmWithoutAnUploadIs404() {
        String sha = sha256("never uploaded " + UUID.randomUUID());
        as("acme").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(404)
                .body("error_code", equalTo("DEV_NOT_FOUND"));
        as("acme").when().post("/internal/dev/plugins/blobs/not-a-hash/uploaded").then().statusCode(400);
    }

    @Test
    void aHashMismatchIsRefusedOnBothPathsAndLeavesNothing() throws Exception {
        String claimed = sha256(bytes(4096, 2));
        as("acme").contentType(ContentType.BINARY).body("something else".getBytes())
                .when().put("/internal/dev/plugins/blobs/" + claimed)
                .then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST")).body("reason_code", equalTo("hash_mismatch"));

        JsonPath offer = offer("acme", claimed, 4096);
        assertThat(putTo(offer, bytes(4096, 3))).isEqualTo(200);
        as("acme").when().post("/internal/dev/plugins/blobs/" + claimed + "/uploaded").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST")).body("reason_code", equalTo("hash_mismatch"));
        // The bad object was deleted: confirming again finds no upload, and the blob is still missing.
        as("acme").when().post("/internal/dev/plugins/blobs/" + claimed + "/uploaded").then().statusCode(404);
        as("acme").when().get("/internal/dev/plugins/blobs/" + claimed).then().statusCode(404);
        assertThat(blobKeys()).noneMatch(k -> k.endsWith(claimed));
    }

    @Test
    void anotherTenantCannotReadOrConfirmTheSameHash() throws Exception {
        byte[] secret = bytes(4096, 4);
        String sha = sha256(secret);
        JsonPath offer = offer("acme", sha, secret.length);
        assertThat(putTo(offer, secret)).isEqualTo(200);

        as("globex").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(404)
                .body("error_code", equalTo("DEV_NOT_FOUND"));
        as("acme").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(201);
        as("globex").when().get("/internal/dev/plugins/blobs/" + sha).then().statusCode(404);
        as("globex").when().post("/internal/dev/plugins/blobs/" + sha + "/uploaded").then().statusCode(404);
        as("globex").contentType(ContentType.JSON).body(Map.of("sha256", List.of(sha)))
                .when().post("/internal/dev/plugins/blobs/missing").then().body("data.missing", contains(sha));
        as("acme").when().get("/internal/dev/plugins/blobs/" + sha).then().statusCode(200);
    }

    @Test
    void aLargeBlobStreamsThroughThePutAndBackOut() throws Exception {
        long size = 48L * 1024 * 1024; // streamed from a generator: neither this test nor the service holds it whole
        String sha;
        try (InputStream in = generated(size)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
            sha = HexFormat.of().formatHex(digest.digest());
        }
        String token = com.powerx.devhotload.devstack.LocalTokens.forTests().mint("acme", "dev-acme", List.of());
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/internal/dev/plugins/blobs/" + sha);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> generated(size)), size))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(get.statusCode()).isEqualTo(200);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long read = 0;
        try (InputStream in = get.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; read += n) {
                digest.update(buffer, 0, n);
            }
        }
        assertThat(read).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha);
    }

    /** Asks /missing with the blob's size and answers the upload offered for it (there must be one). */
    private static JsonPath offer(String tenant, String sha, int size) {
        JsonPath answer = as(tenant).contentType(ContentType.JSON).body(Map.of("sha256", List.of(sha), "sizes", Map.of(sha, size)))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(200)
                .body("data.missing", contains(sha)).extract().jsonPath();
        assertThat(answer.getMap("data.uploads")).as("uploads offered").containsKey(sha);
        return answer.setRootPath("data.uploads." + sha);
    }

    /** Sends the bytes to a pre-signed URL the way a client would: that method, those headers, no credentials of ours. */
    private int putTo(JsonPath offer, byte[] body) throws IOException, InterruptedException {
        return putTo(offer, offer.getString("url"), body);
    }

    private int putTo(JsonPath offer, String url, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(offer.getString("method"), HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> headers = offer.getMap("headers");
        headers.forEach((name, value) -> {
            if (!Set.of("host", "content-length").contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<String> blobKeys() {
        return bucket.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed ^ System.nanoTime()).nextBytes(out);
        return out;
    }

    /** {@code size} pseudo-random bytes, the same on every call whatever the reader's buffer sizes. */
    private static InputStream generated(long size) {
        return new InputStream() {
            final Random random = new Random(42);
            final byte[] block = new byte[64 * 1024];
            int pos = block.length;
            long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                if (pos == block.length) {
                    random.nextBytes(block);
                    pos = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - pos), left);
                System.arraycopy(block, pos, b, off, n);
                pos += n;
                left -= n;
                return n;
            }
        };
    }
}
