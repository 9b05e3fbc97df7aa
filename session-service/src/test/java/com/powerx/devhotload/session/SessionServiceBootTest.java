package com.powerx.devhotload.session;

import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.ServiceBootChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** session-service boots on the real devstack and serves the endpoints every service must have. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = {@ResourceArg(name = "database", value = "px_session"), @ResourceArg(name = "redis", value = "true")})
class SessionServiceBootTest extends ServiceBootChecks {

    @Override
    protected String datastoreCheck() {
        return "PostgreSQL";
    }
}
