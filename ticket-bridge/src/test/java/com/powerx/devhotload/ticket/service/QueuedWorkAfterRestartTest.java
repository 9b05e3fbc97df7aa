package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.ticket.TicketApi;
import com.powerx.devhotload.ticket.TrackerStubs;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queued work outlives the instance that queued or held it: an action leased by a dead instance is performed once its
 * lease runs out, and one leased under this instance's own name (a restart) at once.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class QueuedWorkAfterRestartTest {

    @Inject
    Pool pool;
    @Inject
    TicketsConfig config;

    @Test
    void actionsLeftLeasedAreTakenUp() throws Exception {
        String tenant = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        leftBehind(tenant, "com.acme.dead", "dead-instance", -1);
        leftBehind(tenant, "com.acme.self", config.instanceId(), 300);
        TicketApi.awaitTicket(tenant, "com.acme.dead", t -> t.getString("key") != null, Duration.ofSeconds(20));
        TicketApi.awaitTicket(tenant, "com.acme.self", t -> t.getString("key") != null, Duration.ofSeconds(20));
    }

    /** A ticket whose create action was claimed by {@code owner} with {@code leaseSeconds} of its lease left. */
    private void leftBehind(String tenant, String plugin, String owner, int leaseSeconds) {
        UUID ticket = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO ticket (ticket_id, tenant_id, plugin_id, fingerprint, provider, title, report_ids) "
                        + "VALUES ($1, $2, $3, $4, 'local', 'left behind', ARRAY['r0'])")
                .execute(Tuple.of(ticket, tenant, plugin, "v1:" + UUID.randomUUID())).await().atMost(Duration.ofSeconds(5));
        pool.preparedQuery("INSERT INTO ticket_action (action_id, idempotency_key, tenant_id, ticket_id, kind, target, body, attempts, "
                        + "lease_owner, lease_expires_at) VALUES ($1, $2, $3, $4, 'create', 'local', '{\"text\":\"x\"}', 1, $5, "
                        + "now() + make_interval(secs => $6))")
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), "create:" + ticket, tenant, ticket, owner, (double) leaseSeconds}))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(ticket).isNotNull();
    }
}
