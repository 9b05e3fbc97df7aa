package com.powerx.devhotload.ticket.rest;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.ticket.DebugEvents;
import com.powerx.devhotload.ticket.TicketApi;
import com.powerx.devhotload.ticket.TrackerStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The ticket API's edges: bad input → the §1 envelope and nothing changed, another tenant's ticket → 404, the manual
 * close and reopen, an unknown report → 404.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class TicketApiTest {

    @Test
    void manualPathsAndTheirEdges() throws Exception {
        String tenant = "api-" + UUID.randomUUID().toString().substring(0, 8);
        String plugin = "com.acme.api";
        DebugEvents.publish(DebugEvents.report(tenant, plugin, UUID.randomUUID().toString(), "a1", "v1:" + UUID.randomUUID(), 1L, null));
        String id = TicketApi.awaitTicket(tenant, plugin, t -> t.getString("key") != null, Duration.ofSeconds(20)).getString("ticketId");

        TicketApi.admin(tenant).when().get("/internal/ticket/tickets/not-a-uuid").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST")).body("details.violations.field", hasItem("ticketId"));
        TicketApi.admin(tenant).queryParam("state", "weird").when().get("/internal/ticket/tickets").then().statusCode(400);
        TicketApi.admin("other-" + tenant).when().get("/internal/ticket/tickets/" + id).then().statusCode(404)
                .body("error_code", equalTo("DEV_NOT_FOUND"));
        TicketApi.admin("other-" + tenant).contentType("application/json").body("{\"ticketId\":\"" + id + "\",\"state\":\"closed\"}")
                .post("/internal/ticket/update").then().statusCode(404);
        TicketApi.admin(tenant).contentType("application/json").body("{\"ticketId\":\"" + id + "\",\"state\":\"gone\"}")
                .post("/internal/ticket/update").then().statusCode(400).body("details.violations.field", hasItem("state"));
        TicketApi.admin(tenant).contentType("application/json").body("{\"ticketId\":").post("/internal/ticket/update").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"));
        TicketApi.admin(tenant).contentType("application/json").body("{\"reportId\":\"nope\"}").post("/internal/ticket/create").then().statusCode(404);
        TicketApi.admin(tenant).when().get("/internal/ticket/tickets/" + id).then().statusCode(200).body("data.state", equalTo("open"));

        TicketApi.admin(tenant).contentType("application/json").body("{\"ticketId\":\"" + id + "\",\"state\":\"closed\",\"comment\":\"dup of X\"}")
                .post("/internal/ticket/update").then().statusCode(200).body("data.state", equalTo("closed")).body("data.closedBy", equalTo("manual"));
        TicketApi.admin(tenant).contentType("application/json").body("{\"ticketId\":\"" + id + "\",\"state\":\"open\"}")
                .post("/internal/ticket/update").then().statusCode(200).body("data.state", equalTo("open"));
        TicketApi.admin(tenant).queryParam("state", "open").queryParam("pluginId", plugin).when().get("/internal/ticket/tickets").then()
                .statusCode(200).body("data.items", hasSize(1));
        TicketApi.admin(tenant).contentType("application/json").body("{}").post("/internal/ticket/reconcile").then().statusCode(202);
    }
}
