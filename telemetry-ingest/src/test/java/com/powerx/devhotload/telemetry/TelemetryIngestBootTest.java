package com.powerx.devhotload.telemetry;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.ServiceBootChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** telemetry-ingest boots on the real devstack and serves the endpoints every service must have. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class TelemetryIngestBootTest extends ServiceBootChecks {

    @Override
    protected String datastoreCheck() {
        return "Redis";
    }
}
