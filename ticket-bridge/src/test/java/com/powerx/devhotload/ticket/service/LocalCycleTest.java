package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.ticket.DebugEvents;
import com.powerx.devhotload.ticket.TicketApi;
import com.powerx.devhotload.ticket.TrackerStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop with the default {@code local} provider, driven through Kafka and read through the API: report →
 * ticket → regression passed → closed → the failure on an older build (stays closed) → on the verified build or later
 * (reopened). Two reports of one fingerprint at the same instant make one ticket.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class LocalCycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Test
    void reportRegressionRecurrenceOpenCloseReopen() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String plugin = "com.acme.local." + tenant;
        String session = UUID.randomUUID().toString();
        String fp = "v1:" + UUID.randomUUID();
        EventProbe probe = DebugEvents.probe();

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "r1", fp, 3L, "sha256:b3"));
        JsonPath open = TicketApi.awaitTicket(tenant, plugin, t -> t.getString("key") != null, WAIT);
        String ticketId = open.getString("ticketId");
        assertThat(open.getString("provider")).isEqualTo("local");
        assertThat(open.getString("state")).isEqualTo("open");
        assertThat(open.getString("url")).endsWith("/internal/ticket/tickets/" + ticketId);
        assertThat(probe.await(of("plugin.debug.ticket.created", ticketId), 1, WAIT)).hasSize(1);

        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "r1", "run-1", fp, true, 5L, "sha256:b5"));
        JsonPath closed = TicketApi.awaitTicket(tenant, plugin, t -> "closed".equals(t.getString("state")), WAIT);
        assertThat(closed.getString("closedBy")).isEqualTo("regression");
        assertThat(probe.await(of("plugin.debug.ticket.closed", ticketId), 1, WAIT)).hasSize(1);

        // A late report of the failure on reload 4, before the fix verified on reload 5: no reopen, but it is counted.
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "r2", fp, 4L, "sha256:b4"));
        JsonPath stale = TicketApi.awaitTicket(tenant, plugin, t -> t.getInt("occurrences") == 2, WAIT);
        assertThat(stale.getString("state")).isEqualTo("closed");

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "r3", fp, 6L, "sha256:b6"));
        JsonPath reopened = TicketApi.awaitTicket(tenant, plugin, t -> "open".equals(t.getString("state")), WAIT);
        assertThat(reopened.getInt("occurrences")).isEqualTo(3);
        assertThat(reopened.getList("reportIds")).containsExactly("r1", "r2", "r3");
        assertThat(reopened.getString("reopenedAt")).isNotNull();
        assertThat(probe.await(of("plugin.debug.ticket.reopened", ticketId), 1, WAIT)).hasSize(1);
        assertThat(comments(ticketId)).anyMatch(c -> c.startsWith("Regressed") && c.contains("r3"))
                .anyMatch(c -> c.contains("regression run run-1 passed") || c.contains("run-1"));
    }

    @Test
    void twoReportsOfOneFingerprintAtTheSameInstantMakeOneTicket() throws Exception {
        String tenant = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String plugin = "com.acme.race";
        String fp = "v1:" + UUID.randomUUID();
        DebugEvents.publish(DebugEvents.report(tenant, plugin, UUID.randomUUID().toString(), "ra", fp, 1L, null),
                DebugEvents.report(tenant, plugin, UUID.randomUUID().toString(), "rb", fp, 1L, null));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> j.getInt("occurrences") == 2 && j.getString("key") != null, WAIT);
        // The manual hand-off of the same reports, at once from many callers, adds nothing.
        var callers = java.util.concurrent.Executors.newFixedThreadPool(6);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 6; i++) {
            String report = i % 2 == 0 ? "ra" : "rb";
            answers.add(callers.submit(() -> TicketApi.admin(tenant).contentType("application/json").body("{\"reportId\":\"" + report + "\"}")
                    .post("/internal/ticket/create").statusCode()));
        }
        for (var a : answers) {
            assertThat(a.get()).isEqualTo(202);
        }
        callers.shutdown();
        assertThat(TicketApi.tickets(tenant, plugin)).hasSize(1);
        assertThat(count("SELECT count(*) FROM ticket_action WHERE ticket_id = $1 AND kind = 'create'", t.getString("ticketId"))).isEqualTo(1);
        assertThat(TicketApi.tickets(tenant, plugin).getFirst().get("occurrences")).isEqualTo(2);
    }

    private java.util.List<String> comments(String ticketId) {
        return pool.preparedQuery("SELECT body->>'text' FROM ticket_action WHERE ticket_id = $1 ORDER BY seq").execute(Tuple.of(UUID.fromString(ticketId)))
                .await().atMost(Duration.ofSeconds(5)).stream().map(r -> r.getString(0)).toList();
    }

    private long count(String sql, String ticketId) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(ticketId))).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    static Predicate<CloudEvent> of(String type, String ticketId) {
        return e -> e.type().equals(type) && ticketId.equals(e.subject());
    }
}
