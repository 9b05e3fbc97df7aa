package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.sandbox.config.KubernetesSandboxConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.driver.KubernetesSandboxDriver;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * With the kubernetes driver: deletes this instance's sandbox pods that run no session here, at start (after its own
 * sandboxes were brought back) and every {@code PX_SANDBOX_SWEEP_INTERVAL_MS}. Does nothing with the process driver.
 */
@ApplicationScoped
public class SandboxPodSweeper {

    private final KubernetesSandboxDriver driver;
    private final SandboxRegistry registry;
    private final KubernetesSandboxConfig config;
    private ScheduledExecutorService timer;

    public SandboxPodSweeper(KubernetesSandboxDriver driver, SandboxRegistry registry, KubernetesSandboxConfig config) {
        this.driver = driver;
        this.registry = registry;
        this.config = config;
    }

    /** After {@link SandboxLeases#start} (priority 900) has put this instance's own sandboxes back in the registry. */
    void start(@Observes @Priority(950) StartupEvent event) {
        if (!driver.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sandbox-pod-sweep").factory());
        timer.scheduleWithFixedDelay(this::sweep, 0, config.sweepIntervalMs(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void sweep() {
        // a sandbox that is starting is in the registry already, so its new pod is never taken for an orphan
        Set<String> live = registry.live().stream().map(Sandbox::sessionId).collect(Collectors.toSet());
        try {
            List<String> deleted = driver.deleteOrphans(live);
            if (!deleted.isEmpty()) {
                Log.infof("deleted %d orphaned sandbox pods: %s", deleted.size(), deleted);
            }
        } catch (RuntimeException e) {
            Log.warnf("orphaned sandbox pods not swept this round: %s", e.getMessage());
        }
    }
}
