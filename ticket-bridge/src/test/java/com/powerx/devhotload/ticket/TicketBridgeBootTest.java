package com.powerx.devhotload.ticket;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.ServiceBootChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** ticket-bridge boots on the real devstack and serves the endpoints every service must have. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
// The same resources as every other test here: one Quarkus boot serves them all.
@QuarkusTestResource(TrackerStubs.class)
class TicketBridgeBootTest extends ServiceBootChecks {

    @Override
    protected String datastoreCheck() {
        return "PostgreSQL";
    }
}
