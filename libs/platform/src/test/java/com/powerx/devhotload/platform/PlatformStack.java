package com.powerx.devhotload.platform;

import com.powerx.devhotload.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Wires every @QuarkusTest of this module to the shared devstack (its own database, Kafka). */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_platform_test"))
public final class PlatformStack {
    private PlatformStack() {
    }
}
