package com.powerx.devhotload.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Session ownership between replicas (docs/sandbox-orchestrator.md, "Leases"); each has a {@code PX_SANDBOX_*} env var,
 * see application.properties.
 */
@ConfigMapping(prefix = "px.sandbox.lease")
public interface LeaseConfig {

    /** {@code PX_SANDBOX_LEASE_MS}: how long a sandbox stays this instance's without a renewal. */
    @WithDefault("30000")
    int durationMs();

    /** {@code PX_SANDBOX_LEASE_RENEW_MS}: how often the live instance renews its leases (one UPDATE). */
    @WithDefault("10000")
    int renewMs();

    /** {@code PX_SANDBOX_ADOPT_INTERVAL_MS}: how often it looks for expired leases to adopt. */
    @WithDefault("3000")
    int adoptIntervalMs();

    /** {@code PX_SANDBOX_INBOX_POLL_MS}: how often it looks for lifecycle events another replica consumed for its sessions. */
    @WithDefault("500")
    int inboxPollMs();

    /** {@code PX_SANDBOX_ADOPT}: whether this instance adopts other instances' expired sandboxes at all. */
    @WithDefault("true")
    boolean adopt();
}
