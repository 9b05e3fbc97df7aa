package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.config.IntakeConfig;
import com.powerx.devhotload.telemetry.domain.AlertRule;
import com.powerx.devhotload.telemetry.domain.TelemetryName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's meters, fed by applied events (never twice for one event): CLI histograms with percentiles, the error
 * counter, the active-sessions gauge. Tag values are bounded: plugin ids and error codes beyond a cap become
 * {@code other}, so a flood of ids cannot blow up the registry.
 */
@ApplicationScoped
public class TelemetryMeters {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final BoundedTag plugins;
    private final BoundedTag errorCodes;
    private final BoundedTag customNames;
    private final AtomicLong activeSessions = new AtomicLong();

    public TelemetryMeters(MeterRegistry registry, IntakeConfig config) {
        this.registry = registry;
        this.plugins = new BoundedTag(config.maxPluginTags());
        this.errorCodes = new BoundedTag(config.maxErrorCodeTags());
        this.customNames = new BoundedTag(config.maxErrorCodeTags());
        registry.gauge("admin.dev_hotload.active_sessions", activeSessions);
    }

    /** One accepted CLI telemetry event. */
    public void cliEvent(TelemetryName kind, String name, String pluginId, double value, String errorCode) {
        String plugin = plugins.of(pluginId);
        switch (kind) {
            case BUILD_TIME, RELOAD_DURATION, SESSION_LIFETIME -> summary(name, plugin).record(value);
            case ERROR -> Counter.builder("dev.hotload.cli_error").tag("plugin", plugin)
                    .tag("errorCode", errorCodes.of(errorCode)).register(registry).increment(value);
            case BUNDLE_OVERSIZE -> Counter.builder("dev.hotload.cli_bundle_oversize").tag("plugin", plugin)
                    .register(registry).increment(value);
            case CUSTOM -> Counter.builder("dev.hotload.cli_custom").tag("name", customNames.of(name)).tag("plugin", plugin)
                    .register(registry).increment(value);
        }
    }

    public void alertOpened(AlertRule rule) {
        Counter.builder("dev.hotload.alerts_opened").tag("rule", rule.wire()).register(registry).increment();
    }

    public void activeSessions(long count) {
        activeSessions.set(count);
    }

    private DistributionSummary summary(String name, String plugin) {
        return DistributionSummary.builder(name).tag("plugin", plugin)
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .register(registry);
    }

    /** A tag whose distinct values are capped; later newcomers share {@link #OTHER}. */
    static final class BoundedTag {
        private final Set<String> values = ConcurrentHashMap.newKeySet();
        private final int cap;

        BoundedTag(int cap) {
            this.cap = cap;
        }

        String of(String value) {
            if (value == null || value.isBlank()) {
                return "unknown";
            }
            if (values.contains(value)) {
                return value;
            }
            synchronized (this) {
                if (values.size() < cap) {
                    values.add(value);
                    return value;
                }
            }
            return values.contains(value) ? value : OTHER;
        }
    }
}
