package com.powerx.devhotload.stream.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Where the console's proxy ({@code /console/api/{peer}/…}) sends the calls it allows (docs/console.md). The
 * defaults are deploy/local/up's ports; the suite and Kubernetes set the {@code PX_*_URL} variables.
 */
@ConfigMapping(prefix = "px.console")
public interface ConsoleConfig {

    /** session-service: the admin API ({@code PX_SESSION_SERVICE_URL}). */
    @WithDefault("http://127.0.0.1:8081")
    String sessionUrl();

    /** telemetry-ingest: open alerts ({@code PX_TELEMETRY_URL}). */
    @WithDefault("http://127.0.0.1:8086")
    String telemetryUrl();

    /** diagnostics-service: log export and reports ({@code PX_DIAGNOSTICS_URL}). */
    @WithDefault("http://127.0.0.1:8084")
    String diagnosticsUrl();

    /** ticket-bridge: tickets ({@code PX_TICKETS_URL}). */
    @WithDefault("http://127.0.0.1:8085")
    String ticketsUrl();

    /** How long one proxied call may take (a log export of a busy session takes a few seconds). */
    @WithDefault("60s")
    Duration timeout();
}
