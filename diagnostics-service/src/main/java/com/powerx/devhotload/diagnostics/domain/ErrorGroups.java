package com.powerx.devhotload.diagnostics.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.domain.fingerprint.Fingerprint;
import com.powerx.devhotload.diagnostics.domain.fingerprint.Fingerprinter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's failures grouped by fingerprint: failed reloads, handlers that threw or timed out, crashes, and
 * error-level log lines. The primary failure (the report's fingerprint) is the most frequent of the sandbox's own
 * failures (reload, invoke, crash); log lines only when there is none — a plugin's error log is a symptom more
 * often than the failure the alert is about.
 */
public final class ErrorGroups {

    private static final Fingerprinter FINGERPRINTER = new Fingerprinter();

    private final Map<String, ErrorGroup> groups = new LinkedHashMap<>();

    public static ErrorGroups of(String pluginId, List<EvidenceEvent> timeline) {
        ErrorGroups g = new ErrorGroups();
        for (EvidenceEvent e : timeline) {
            g.add(pluginId, e);
        }
        return g;
    }

    private void add(String pluginId, EvidenceEvent e) {
        String origin = origin(e);
        if (origin == null) {
            return;
        }
        JsonNode data = JsonText.tree(e.data());
        String message;
        String stack;
        if (origin.equals("log")) {
            message = firstLine(e.message());
            stack = e.message();
        } else if (origin.equals("crash")) {
            message = data.path("error").asText("sandbox crashed (exit " + data.path("exitCode").asText("?") + ")");
            stack = null;
        } else {
            message = data.at("/error/message").asText("");
            stack = data.at("/error/stack").asText(null);
        }
        Fingerprint fp = FINGERPRINTER.fingerprint(pluginId, null, message, stack);
        groups.merge(fp.value(), new ErrorGroup(fp, origin, message, stack, 1, e.eventTime(), e.eventTime()),
                (old, fresh) -> old.seenAgain(e.eventTime(), message, stack));
    }

    private static String origin(EvidenceEvent e) {
        return switch (e.type()) {
            case EventTypes.RELOAD_FAILED, EventTypes.ROLLED_BACK -> "reload";
            case EventTypes.SANDBOX_CRASHED -> "crash";
            case EventTypes.SESSION_LOG -> "error".equals(e.level()) ? "log" : null;
            case EventTypes.INVOKE_FAILED -> "invoke";
            default -> null;
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The sandbox's own failures before error log lines, each most frequent first, ties by the latest occurrence. */
    public List<ErrorGroup> ranked() {
        List<ErrorGroup> out = new ArrayList<>(groups.values());
        out.sort(Comparator.comparing((ErrorGroup g) -> g.origin().equals("log")).thenComparing(ErrorGroup::count, Comparator.reverseOrder())
                .thenComparing(ErrorGroup::lastSeen, Comparator.reverseOrder()));
        return out;
    }

    /** The failure the report is about (the first of {@link #ranked}), or null when the window holds none. */
    public ErrorGroup primary() {
        List<ErrorGroup> ranked = ranked();
        return ranked.isEmpty() ? null : ranked.getFirst();
    }
}
