package com.powerx.devhotload.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Outbox relay tuning; env vars {@code PX_OUTBOX_POLL_INTERVAL}, {@code PX_OUTBOX_BATCH_SIZE}. */
@ConfigMapping(prefix = "px.outbox")
public interface OutboxConfig {

    /** How often the relay looks for rows written by other replicas or left by a crash; local commits nudge it at once. */
    @WithDefault("250ms")
    Duration pollInterval();

    @WithDefault("500")
    int batchSize();
}
