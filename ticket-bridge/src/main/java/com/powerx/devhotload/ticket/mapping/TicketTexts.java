package com.powerx.devhotload.ticket.mapping;

import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.ticket.domain.ReportFacts;

/** The words the bridge posts to trackers: each names the report or run it is about, so a reader can follow it back. */
public final class TicketTexts {

    private TicketTexts() {
    }

    public static String description(ReportFacts r) {
        StringBuilder text = new StringBuilder();
        text.append(r.summary() == null ? r.title() : r.summary()).append("\n\n");
        text.append("Plugin: ").append(r.pluginId()).append('\n');
        text.append("Fingerprint: ").append(r.fingerprint()).append('\n');
        text.append("Report: ").append(r.reportId());
        if (r.reportUrl() != null) {
            text.append(" (").append(r.reportUrl()).append(')');
        }
        text.append('\n').append(build(r));
        return text.toString();
    }

    public static String occurred(ReportFacts r, int occurrences) {
        return "Occurred again (" + occurrences + " occurrences): report " + r.reportId() + ". " + build(r);
    }

    public static String regressed(ReportFacts r) {
        return "Regressed: the failure occurred again after the fix was verified, in report " + r.reportId() + ". " + build(r);
    }

    public static String olderBuild(ReportFacts r) {
        return "Occurred on a build older than the one the fix was verified on (report " + r.reportId() + "); the ticket stays closed. "
                + build(r);
    }

    public static String passed(RegressionResult r) {
        return "Fixed: regression run " + r.runId() + " passed for report " + r.reportId() + detail(r.details());
    }

    public static String failed(RegressionResult r) {
        return "Regression run " + r.runId() + " failed for report " + r.reportId() + detail(r.details()) + " The ticket stays open.";
    }

    private static String build(ReportFacts r) {
        return "Build: " + (r.buildHash() == null ? "unknown" : r.buildHash())
                + (r.reloadSequence() == null ? "" : ", reload " + r.reloadSequence());
    }

    private static String detail(String details) {
        return details == null || details.isBlank() ? "." : ": " + details + ".";
    }
}
