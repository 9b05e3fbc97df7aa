package com.powerx.devhotload.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The CloudEvents {@code type} of every event in CONTRACT.md §9, and the topic each one travels on. */
public final class EventTypes {

    // dev.session.lifecycle — produced by session-service
    public static final String SESSION_REGISTERED = "dev.session.registered";
    public static final String RELOAD_REQUESTED = "dev.session.reload.requested";
    public static final String RELOAD_RECORDED = "dev.session.reload.recorded";
    public static final String SESSION_UPDATED = "dev.session.updated";
    public static final String SESSION_TERMINATED = "dev.session.terminated";
    public static final String SESSION_EXPIRED = "dev.session.expired";

    // dev.session.sandbox — produced by sandbox-orchestrator
    public static final String SANDBOX_READY = "dev.session.sandbox.ready";
    public static final String RELOADED = "dev.session.reloaded";
    public static final String RELOAD_FAILED = "dev.session.reload.failed";
    public static final String ROLLED_BACK = "dev.session.rolled-back";
    public static final String SANDBOX_CRASHED = "dev.session.sandbox.crashed";
    public static final String SANDBOX_STOPPED = "dev.session.sandbox.stopped";
    public static final String INVOKE_FAILED = "dev.session.invoke.failed";

    // dev.session.log — produced by sandbox-orchestrator
    public static final String SESSION_LOG = "dev.session.log";

    // dev.hotload.cli — one type per telemetry name, see cliMetric(String)
    public static final String CLI_METRIC_PREFIX = "dev.hotload.cli.";
    public static final String CLI_BUILD_TIME_MS = "dev.hotload.cli.cli_build_time_ms";
    public static final String CLI_RELOAD_DURATION_MS = "dev.hotload.cli.cli_reload_duration_ms";
    public static final String CLI_ERROR = "dev.hotload.cli.cli_error";
    public static final String CLI_SESSION_LIFETIME = "dev.hotload.cli.cli_session_lifetime";
    public static final String CLI_BUNDLE_OVERSIZE = "dev.hotload.cli.cli_bundle_oversize";

    // plugin.debug.* — telemetry-ingest, diagnostics-service, ticket-bridge
    public static final String ALERT_RAISED = "plugin.debug.alert";
    public static final String ALERT_RESOLVED = "plugin.debug.alert.resolved";
    public static final String REPORT_READY = "plugin.debug.report.ready";
    public static final String REPORT_FAILED = "plugin.debug.report.failed";
    public static final String REGRESSION_PASSED = "plugin.debug.regression.passed";
    public static final String REGRESSION_FAILED = "plugin.debug.regression.failed";
    public static final String TICKET_CREATED = "plugin.debug.ticket.created";
    public static final String TICKET_UPDATED = "plugin.debug.ticket.updated";
    public static final String TICKET_CLOSED = "plugin.debug.ticket.closed";
    public static final String TICKET_REOPENED = "plugin.debug.ticket.reopened";

    /** Telemetry names live under this namespace (CONTRACT.md §6); it is dropped when naming the event type. */
    private static final String TELEMETRY_NAMESPACE = "dev.hotload.";
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private static final Map<String, String> TOPIC_OF_FIXED_TYPE = fixedTypes();

    /** Every type with a fixed name, in contract order; the CLI family is matched by {@link #CLI_METRIC_PREFIX}. */
    public static final List<String> FIXED = List.copyOf(TOPIC_OF_FIXED_TYPE.keySet());

    private EventTypes() {
    }

    private static Map<String, String> fixedTypes() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String type : List.of(SESSION_REGISTERED, RELOAD_REQUESTED, RELOAD_RECORDED, SESSION_UPDATED,
                SESSION_TERMINATED, SESSION_EXPIRED)) {
            topics.put(type, Topics.SESSION_LIFECYCLE);
        }
        for (String type : List.of(SANDBOX_READY, RELOADED, RELOAD_FAILED, ROLLED_BACK, SANDBOX_CRASHED,
                SANDBOX_STOPPED, INVOKE_FAILED)) {
            topics.put(type, Topics.SESSION_SANDBOX);
        }
        topics.put(SESSION_LOG, Topics.SESSION_LOG);
        topics.put(ALERT_RAISED, Topics.DEBUG_ALERT);
        topics.put(ALERT_RESOLVED, Topics.DEBUG_ALERT);
        topics.put(REPORT_READY, Topics.DEBUG_REPORT);
        topics.put(REPORT_FAILED, Topics.DEBUG_REPORT);
        topics.put(REGRESSION_PASSED, Topics.DEBUG_REGRESSION);
        topics.put(REGRESSION_FAILED, Topics.DEBUG_REGRESSION);
        for (String type : List.of(TICKET_CREATED, TICKET_UPDATED, TICKET_CLOSED, TICKET_REOPENED)) {
            topics.put(type, Topics.DEBUG_TICKET);
        }
        return topics;
    }

    /** The topic an event of {@code type} is published on; {@link IllegalArgumentException} for an unknown type. */
    public static String topicOf(String type) {
        String topic = type == null ? null : TOPIC_OF_FIXED_TYPE.get(type);
        if (topic != null) {
            return topic;
        }
        if (isCliMetric(type)) {
            return Topics.HOTLOAD_CLI;
        }
        throw new IllegalArgumentException("unknown event type '" + type + "'");
    }

    /** Whether {@code type} is one of the contract's types (fixed or a CLI metric). */
    public static boolean isKnown(String type) {
        return type != null && (TOPIC_OF_FIXED_TYPE.containsKey(type) || isCliMetric(type));
    }

    /**
     * The event type of a CLI telemetry event. Accepts the telemetry name as sent by the CLI
     * ({@code dev.hotload.cli_build_time_ms}) or the bare metric ({@code cli_build_time_ms}); both give
     * {@code dev.hotload.cli.cli_build_time_ms}.
     */
    public static String cliMetric(String metricName) {
        if (metricName == null) {
            throw new IllegalArgumentException("metric name is required");
        }
        String metric = metricName.startsWith(TELEMETRY_NAMESPACE)
                ? metricName.substring(TELEMETRY_NAMESPACE.length()) : metricName;
        if (!METRIC.matcher(metric).matches()) {
            throw new IllegalArgumentException("invalid CLI metric name '" + metricName + "'");
        }
        return CLI_METRIC_PREFIX + metric;
    }

    /** Whether {@code type} belongs to the {@code dev.hotload.cli.<metric>} family. */
    public static boolean isCliMetric(String type) {
        return type != null && type.startsWith(CLI_METRIC_PREFIX)
                && METRIC.matcher(type.substring(CLI_METRIC_PREFIX.length())).matches();
    }

    /** Whether {@code type} is an alert type ({@code plugin.debug.alert*}), whose events are keyed by plugin. */
    public static boolean isAlert(String type) {
        return type != null && (type.equals(ALERT_RAISED) || type.startsWith(ALERT_RAISED + "."));
    }
}
