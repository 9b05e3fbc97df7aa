package com.powerx.devhotload.sandbox.rest;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A call for a session this instance does not run, but another live instance does: forwarded to the owner's recorded
 * address once, with the caller's credential. The owner here is either an address where nothing listens (the 503 shows
 * the call went there) or this very app (which does not run the session either: a call forwarded once is answered
 * where it lands, so the loop ends at once with 404). The real two-replica answer is e2e OrchestratorForwardingIT.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class OwnerForwardingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private final List<UUID> sessions = new ArrayList<>();
    private final Map<String, String> owners = new java.util.HashMap<>();

    @AfterEach
    void endThem() {
        // ended, so that no later test class with adoption on picks these rows up
        sessions.forEach(id -> sql("UPDATE sandbox SET state = 'stopped' WHERE session_id = $1", id));
    }

    @Test
    void aSessionOfAnotherLiveReplicaIsForwardedThereWithTheCallersCredential() {
        String id = ownedElsewhere("http://127.0.0.1:" + deadPort(), 60);

        asTenant().body(Map.of("handler", "get")).post("/internal/dev/sandboxes/{id}/invoke", id)
                .then().statusCode(503).body("error_code", equalTo("DEV_UNAVAILABLE")).body("reason_code", equalTo("owner_unreachable"));
        asTenant().get("/internal/dev/sandboxes/{id}", id).then().statusCode(503);
    }

    @Test
    void aForwardedCallIsAnsweredWhereItLandsNeverForwardedAgain() {
        String toDeadOwner = ownedElsewhere("http://127.0.0.1:" + deadPort(), 60);
        asTenant().header("X-Px-Forwarded-By", "another-replica").body(Map.of("handler", "get"))
                .post("/internal/dev/sandboxes/{id}/invoke", toDeadOwner).then().statusCode(404);

        // the recorded owner is this app: the first hop marks the call, this app answers it as a non-owner, 404
        String toItself = ownedElsewhere("http://127.0.0.1:" + RestAssured.port, 60);
        asTenant().body(Map.of("handler", "get")).post("/internal/dev/sandboxes/{id}/invoke", toItself)
                .then().statusCode(404).body("error_code", equalTo("DEV_NOT_FOUND"));
    }

    @Test
    void noLiveOwnerOrNoCredentialInTheRequestIsAnsweredHere() {
        String expired = ownedElsewhere("http://127.0.0.1:" + deadPort(), -1);
        asTenant().body(Map.of("handler", "get")).post("/internal/dev/sandboxes/{id}/invoke", expired).then().statusCode(404);

        // a local-mode loopback caller has no credential to pass on: it would not be the same caller at the owner
        String live = ownedElsewhere("http://127.0.0.1:" + deadPort(), 60);
        given().contentType(ContentType.JSON).body(Map.of("handler", "get")).post("/internal/dev/sandboxes/{id}/invoke", live)
                .then().statusCode(404);
    }

    @Test
    void theListAsksEveryReplicaWithLiveLeasesAndNamesTheOnesThatDoNotAnswer() {
        String unreachable = ownedElsewhere("http://127.0.0.1:" + deadPort(), 60);
        String itself = ownedElsewhere("http://127.0.0.1:" + RestAssured.port, 60);

        // the replica recorded at this app's own address answers the forwarded list with its own sandboxes (none of
        // these two); the one where nothing listens is named instead of failing the list
        asTenant().get("/internal/dev/sandboxes").then().statusCode(200)
                .body("data.items.sessionId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems(unreachable)))
                .body("data.items.sessionId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItems(itself)))
                .body("data.unansweredReplicas", org.hamcrest.Matchers.hasItem(owners.get(unreachable)))
                .body("data.unansweredReplicas", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(owners.get(itself))));
        // marked as forwarded, or without a credential to pass on: this instance's own, nobody asked
        asTenant().header("X-Px-Forwarded-By", "another-replica").get("/internal/dev/sandboxes").then().statusCode(200)
                .body("data.unansweredReplicas", org.hamcrest.Matchers.nullValue());
        given().get("/internal/dev/sandboxes").then().statusCode(200).body("data.unansweredReplicas", org.hamcrest.Matchers.nullValue());
    }

    private RequestSpecification asTenant() {
        return given().auth().oauth2(LocalTokens.forTests().mint("tenant-a", "dev-a", List.of())).contentType(ContentType.JSON);
    }

    /** A ready sandbox of tenant-a owned by a new instance that answers at {@code url}, its lease ending in {@code leaseSeconds}. */
    private String ownedElsewhere(String url, int leaseSeconds) {
        UUID id = UUID.randomUUID();
        String owner = "elsewhere-" + UUID.randomUUID();
        sql("INSERT INTO orchestrator_instance (instance_id, url) VALUES ($1, $2)", owner, url);
        sql("INSERT INTO sandbox (session_id, tenant_id, plugin_id, runtime, state, sequence, instance_id, lease_expires_at) "
                + "VALUES ($1, 'tenant-a', 'com.acme.test', 'node', 'ready', 0, $2, now() + $3::int * interval '1 second')", id, owner, leaseSeconds);
        sessions.add(id);
        owners.put(id.toString(), owner);
        return id.toString();
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement, Object... args) {
        pool.preparedQuery(statement).execute(Tuple.from(args)).await().atMost(WAIT);
    }
}
