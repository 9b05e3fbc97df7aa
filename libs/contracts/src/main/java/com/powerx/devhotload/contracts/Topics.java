package com.powerx.devhotload.contracts;

import java.util.List;

/** The Kafka topics of CONTRACT.md §9. */
public final class Topics {

    public static final String SESSION_LIFECYCLE = "dev.session.lifecycle";
    public static final String SESSION_SANDBOX = "dev.session.sandbox";
    public static final String SESSION_LOG = "dev.session.log";
    public static final String HOTLOAD_CLI = "dev.hotload.cli";
    public static final String DEBUG_ALERT = "plugin.debug.alert";
    public static final String DEBUG_REPORT = "plugin.debug.report";
    public static final String DEBUG_REGRESSION = "plugin.debug.regression";
    public static final String DEBUG_TICKET = "plugin.debug.ticket";

    /** Every topic, in the order of the contract's table (e.g. for creating them at startup). */
    public static final List<String> ALL = List.of(SESSION_LIFECYCLE, SESSION_SANDBOX, SESSION_LOG, HOTLOAD_CLI,
            DEBUG_ALERT, DEBUG_REPORT, DEBUG_REGRESSION, DEBUG_TICKET);

    private Topics() {
    }
}
