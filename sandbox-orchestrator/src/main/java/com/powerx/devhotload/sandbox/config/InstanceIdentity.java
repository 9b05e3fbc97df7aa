package com.powerx.devhotload.sandbox.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this orchestrator instance writes next to each sandbox it runs, so that after a restart it brings back
 * its own sandboxes and never another replica's: {@code PX_INSTANCE_ID}, else the host name (stable for a
 * StatefulSet pod and for a developer's machine). And where the other replicas reach it ({@code PX_INSTANCE_URL}, else
 * this host's address and HTTP port), recorded so that they forward calls for its sessions to it.
 */
@ApplicationScoped
public class InstanceIdentity {

    private final String value;
    private final String url;

    public InstanceIdentity(SandboxConfig config, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8082") int httpPort) {
        this.value = config.instanceId().filter(id -> !id.isBlank()).orElseGet(InstanceIdentity::hostName);
        this.url = config.instanceUrl().filter(u -> !u.isBlank()).map(InstanceIdentity::withoutTrailingSlash)
                .orElseGet(() -> "http://" + hostAddress() + ":" + httpPort);
    }

    public String value() {
        return value;
    }

    /** The base URL of this instance's HTTP API as the other replicas reach it. */
    public String url() {
        return url;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A pod's IP on Kubernetes (its host name resolves to it); on a developer's machine often a loopback address. */
    private static String hostAddress() {
        try {
            String address = InetAddress.getLocalHost().getHostAddress();
            return address.contains(":") ? "[" + address + "]" : address;
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
