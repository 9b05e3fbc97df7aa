package com.powerx.devhotload.stream;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.ServiceBootChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** stream-gateway boots on the real devstack and serves the endpoints every service must have. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class StreamGatewayBootTest extends ServiceBootChecks {

    @Override
    protected String datastoreCheck() {
        return "Redis";
    }
}
