package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.KubernetesSandboxConfig;

/** The kubernetes driver's settings for tests: a local bundle root and a free control port stand in for the pod's. */
record TestKubernetesConfig(String bundleRoot, int controlPort) implements KubernetesSandboxConfig {
    @Override public String namespace() { return "px-dev-hotload-sandbox"; }
    @Override public String imageNode() { return "registry.example.com/powerx/px-sandbox-node:0.1.0"; }
    @Override public String imagePython() { return "registry.example.com/powerx/px-sandbox-python:0.1.0"; }
    @Override public String cpuLimit() { return "500m"; }
    @Override public String memoryLimit() { return "512Mi"; }
    @Override public String cpuRequest() { return "50m"; }
    @Override public String memoryRequest() { return "128Mi"; }
    @Override public long readyTimeoutMs() { return 20_000; }
    @Override public int reconnectMs() { return 20_000; }
    @Override public long sweepIntervalMs() { return 60_000; }
}
