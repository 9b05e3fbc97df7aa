package com.powerx.devhotload.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** diagnostics-service settings (env {@code PX_DIAG_*} and the peers' URLs; docs/diagnostics-service.md). */
@ConfigMapping(prefix = "px.diag")
public interface DiagnosticsConfig {

    /** How long evidence is kept ({@code PX_DIAG_RETENTION}); whole daily partitions are dropped past it. */
    @WithDefault("72h")
    Duration retention();

    /** A YAML report template ({@code PX_DIAG_REPORT_TEMPLATE}); empty: the built-in one. */
    Optional<String> reportTemplate();

    /** An alert's report covers this long before the alert's first occurrence. */
    @WithDefault("15m")
    Duration windowBefore();

    /** ... and this long after its last, so that the failure's own log lines are in. */
    @WithDefault("5s")
    Duration windowAfter();

    /** Log lines a report reads at most from its window (the newest are kept; the report says how many it left). */
    @WithDefault("50000")
    int maxLines();

    /** How long collecting waits for the evidence store to catch up with the window's end before using the fallback. */
    @WithDefault("3s")
    Duration evidenceWait();

    /** A worker's hold on a task; a killed worker's task is taken up again once this runs out. */
    @WithDefault("30s")
    Duration lease();

    /** Tries of a task before it is failed (transient errors: database, peers). */
    @WithDefault("5")
    int maxAttempts();

    /** Tasks one instance builds at once. */
    @WithDefault("4")
    int workers();

    /** This instance's name in task leases. */
    @WithDefault("diagnostics")
    String instanceId();

    /** The bearer token diagnostics calls its peers with (a JWT with {@code admin.devHotload.global}). */
    Optional<String> serviceToken();

    String orchestratorUrl();

    String sessionServiceUrl();

    String gatewayUrl();

    String telemetryUrl();

    /** How long a regression run waits for the outcome of the reload it asked for. */
    @WithDefault("60s")
    Duration regressionTimeout();
}
