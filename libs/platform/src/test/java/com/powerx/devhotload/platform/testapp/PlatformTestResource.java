package com.powerx.devhotload.platform.testapp;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.api.SuccessEnvelope;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CurrentCaller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** A resource that exists only in the platform's tests, to drive the shared pieces through real HTTP. */
@Path("/test")
public class PlatformTestResource {

    public record Widget(@NotBlank String name, @Max(10) Integer size) {
    }

    @Inject
    CurrentCaller currentCaller;

    @Inject
    TransactionalOutbox outbox;

    @Inject
    Vertx vertx;

    @GET
    @Path("/echo")
    public Response echo() {
        return Responses.of(200, new SuccessEnvelope(200, Map.of("hello", "world")).withTopLevel("sessionId", "s-1"));
    }

    @POST
    @Path("/widgets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid Widget widget) {
        return Responses.created(widget);
    }

    @GET
    @Path("/boom")
    public Response boom() {
        throw new IllegalStateException("secret internals: password=hunter2");
    }

    /** A query against a PostgreSQL port nobody listens on: what a request sees while the database is down. */
    @GET
    @Path("/unreachable-store")
    public Uni<Response> unreachableStore(@QueryParam("port") int port) {
        Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port)
                .setDatabase("none").setUser("none").setPassword("none")).using(vertx).build();
        return Uni.createFrom().completionStage(() -> pool.query("SELECT 1").execute().toCompletionStage())
                .eventually(() -> Uni.createFrom().completionStage(() -> pool.close().toCompletionStage()))
                .map(rows -> Responses.ok(Map.of("rows", rows.size())));
    }

    @GET
    @Path("/conflict")
    public Response conflict() {
        throw ApiException.conflict("already_active", "a session is already active", Map.of("sessionId", "s-9"));
    }

    @GET
    @Path("/limited")
    public Response limited() {
        throw ApiException.rateLimited(7);
    }

    @GET
    @Path("/caller")
    public Response whoAmI() {
        Caller caller = currentCaller.get();
        return Responses.ok(Map.of(
                "kind", caller.kind().name(),
                "tenantId", String.valueOf(caller.tenantId()),
                "developerId", String.valueOf(caller.developerId()),
                "permissions", caller.permissions(),
                "hasReloadToken", caller.reloadTokenValue().isPresent()));
    }

    @GET
    @Path("/tenant")
    public Response tenant() {
        return Responses.ok(Map.of("tenantId", currentCaller.get().requireTenant()));
    }

    /** Bumps a counter and appends {@code count} events in one transaction; {@code fail} rolls it all back. */
    @POST
    @Path("/outbox")
    public Uni<Response> emit(@QueryParam("count") int count, @QueryParam("fail") boolean fail, @QueryParam("session") String session) {
        return outbox.inTransaction(tx -> tx.preparedQuery(
                        "INSERT INTO platform_test_counter (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = platform_test_counter.value + $2")
                .execute(Tuple.of(session, count))
                .flatMap(ignored -> Multi.createFrom().range(0, count)
                        .onItem().transformToUniAndConcatenate(i -> Outbox.append(tx, CloudEvent.create("/platform-test",
                                EventTypes.SESSION_UPDATED, session, "t1", "com.acme.p", session, Map.of("sessionId", session, "status", "active", "n", i))))
                        .collect().last())
                .flatMap(ignored -> fail ? Uni.createFrom().failure(new ApiException(com.powerx.devhotload.platform.api.ErrorCode.DEV_CONFLICT, "forced", "forced rollback"))
                        : Uni.createFrom().item(Responses.accepted(Map.of("emitted", count)))));
    }
}
