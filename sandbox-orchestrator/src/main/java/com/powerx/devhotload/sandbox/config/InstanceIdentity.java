package com.powerx.devhotload.sandbox.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this orchestrator instance writes next to each sandbox it runs, so that after a restart it brings back
 * its own sandboxes and never another replica's: {@code PX_INSTANCE_ID}, else the host name (stable for a
 * StatefulSet pod and for a developer's machine).
 */
@ApplicationScoped
public class InstanceIdentity {

    private final String value;

    public InstanceIdentity(SandboxConfig config) {
        this.value = config.instanceId().filter(id -> !id.isBlank()).orElseGet(InstanceIdentity::hostName);
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
