package com.powerx.devhotload.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The pods of the kubernetes driver ({@code PX_SANDBOX_DRIVER=kubernetes}, CONTRACT.md §13); read only by that driver. */
@ConfigMapping(prefix = "px.sandbox.kubernetes")
public interface KubernetesSandboxConfig {

    /** {@code PX_SANDBOX_NAMESPACE}: where the sandbox pods run. */
    @WithDefault("px-dev-hotload-sandbox")
    String namespace();

    /** {@code PX_SANDBOX_IMAGE_NODE}: the node runtime image (deploy/sandbox-images/node), harness included. */
    @WithDefault("registry.example.com/powerx/px-sandbox-node:0.1.0")
    String imageNode();

    /** {@code PX_SANDBOX_IMAGE_PYTHON}: the python runtime image (deploy/sandbox-images/python). */
    @WithDefault("registry.example.com/powerx/px-sandbox-python:0.1.0")
    String imagePython();

    /** {@code PX_SANDBOX_CONTROL_PORT}: the TCP port the harness listens on in its pod (the sandbox NetworkPolicy's). */
    @WithDefault("8080")
    int controlPort();

    /** {@code PX_SANDBOX_BUNDLE_ROOT}: the pod's emptyDir for bundle versions ({@code <root>/v<sequence>}). */
    @WithDefault("/bundle")
    String bundleRoot();

    /** {@code PX_SANDBOX_CPU_LIMIT}, {@code PX_SANDBOX_MEMORY_LIMIT}, and the requests: the runtime container's resources. */
    @WithDefault("500m")
    String cpuLimit();

    @WithDefault("512Mi")
    String memoryLimit();

    @WithDefault("50m")
    String cpuRequest();

    @WithDefault("128Mi")
    String memoryRequest();

    /** {@code PX_SANDBOX_POD_READY_TIMEOUT_MS}: from creating a pod to its harness answering (image pull included). */
    @WithDefault("120000")
    long readyTimeoutMs();

    /** {@code PX_SANDBOX_RECONNECT_MS}: how long a harness whose orchestrator went away waits to be adopted. */
    @WithDefault("90000")
    int reconnectMs();

    /** {@code PX_SANDBOX_SWEEP_INTERVAL_MS}: how often pods of this instance that run no session here are deleted. */
    @WithDefault("60000")
    long sweepIntervalMs();
}
