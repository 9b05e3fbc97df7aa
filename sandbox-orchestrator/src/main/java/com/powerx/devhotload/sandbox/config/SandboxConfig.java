package com.powerx.devhotload.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.OptionalInt;

/** Limits and locations of the sandboxes (CONTRACT.md §4); each has a {@code PX_*} env var, see application.properties. */
@ConfigMapping(prefix = "px.sandbox")
public interface SandboxConfig {

    /** {@code PX_SANDBOX_WORK_DIR}: harness files, control sockets, blob cache and version directories. */
    Path workDir();

    /** {@code PX_SANDBOX_DRIVER}: {@code process} (harness processes on this host) or {@code kubernetes} (one pod per session). */
    @WithDefault("process")
    String driver();

    /** {@code PX_SANDBOX_MAX}: sandboxes one instance runs at most. */
    @WithDefault("50")
    int max();

    /** {@code PX_SANDBOX_HOOK_TIMEOUT_MS}: limit of importing a version and of each lifecycle hook. */
    @WithDefault("5000")
    int hookTimeoutMs();

    /** {@code PX_SANDBOX_INVOKE_TIMEOUT_MS}: default limit of an invoke (504 past it). */
    @WithDefault("10000")
    int invokeTimeoutMs();

    /** {@code PX_SANDBOX_MAX_OLD_SPACE_MB}: node Worker heap limit. */
    OptionalInt maxOldSpaceMb();

    /** {@code PX_SANDBOX_MAX_MEMORY_MB}: python address-space limit (do not go below ~256). */
    OptionalInt maxMemoryMb();

    /** {@code PX_SANDBOX_RESTART_BACKOFF_MS}: first crash-restart delay, doubling per try up to 30 s (CONTRACT.md §4: 1 s). */
    @WithDefault("1000")
    int restartBackoffMs();

    /** {@code PX_DEV_LOG_RATE}: log lines per second and session; the excess is counted and reported. */
    @WithDefault("1000")
    int logRate();

    /** {@code PX_SESSION_SERVICE_URL}: where bundle blobs are fetched from. */
    @WithDefault("http://127.0.0.1:8081")
    String sessionServiceUrl();

    /**
     * {@code PX_SERVICE_TOKEN}: the orchestrator's own bearer token for session-service, a JWT with the
     * {@code devHotload.service} role (deploy/local/up mints one; on Kubernetes a Secret holds one issued by the IdP).
     * Without it only the local-mode loopback identity can fetch blobs, i.e. tenant {@code local} only.
     */
    java.util.Optional<String> serviceToken();

    /**
     * {@code PX_INSTANCE_ID}: names this instance in the database so that, restarted, it brings back the sandboxes it
     * ran (and only those). Must be stable across restarts: the pod name of a StatefulSet; default the host name.
     */
    java.util.Optional<String> instanceId();

    /**
     * {@code PX_INSTANCE_URL}: where the other replicas reach this instance's sandbox API, to forward a call for a
     * session that runs here; default {@code http://<this host's address>:<http port>}. On Kubernetes the StatefulSet
     * pod's DNS name under the headless Service.
     */
    java.util.Optional<String> instanceUrl();

    /** {@code PX_SANDBOX_NODE} / {@code PX_SANDBOX_PYTHON}: the interpreters, looked up on PATH. */
    @WithDefault("node")
    String nodeCommand();

    @WithDefault("python3")
    String pythonCommand();
}
