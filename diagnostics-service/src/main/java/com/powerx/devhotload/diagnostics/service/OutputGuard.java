package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.masking.Finding;
import com.powerx.devhotload.masking.MaskingEngine;
import com.powerx.devhotload.masking.MaskingVerifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fail closed: the masking verifier reads every finished output (JSON, Markdown, bundle, export) as a whole before
 * it is stored or sent. A hit means a secret got through the masking pass; the output is thrown away — a report is
 * either fully masked or not produced at all.
 */
@ApplicationScoped
public class OutputGuard {

    /** A finished output in which the verifier still found a secret; names rules and positions, never the secret. */
    public static final class MaskingViolation extends RuntimeException {
        public MaskingViolation(String output, String findings) {
            super("masking violation in the " + output + ": " + findings);
        }
    }

    private static final Pattern UUIDS = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final MaskingVerifier verifier;
    private final DiagnosticsMetrics metrics;

    public OutputGuard(MaskingEngine engine, DiagnosticsMetrics metrics) {
        this.verifier = engine.verifier();
        this.metrics = metrics;
    }

    public void requireClean(String output, String text) {
        requireClean(output, text, Set.of());
    }

    /**
     * As {@link #requireClean(String, String)}, reading the system's own identifiers in {@code ownIds} (the report's
     * session, report, alert and trace ids, the event ids of its lines) as what they are: the verifier reads a UUID
     * after {@code "sessionId":} as a session credential, and now and then a UUID's digit groups as a phone number —
     * right for a plugin's log text, wrong for the suite's public handles (the reload token is the credential and is
     * never in a report). Only those exact values are set aside, in one pass over the output: a replace per id was
     * quadratic (minutes for a 10,000-line report).
     */
    public void requireClean(String output, String text, Set<String> ownIds) {
        String checked = UUIDS.matcher(text).replaceAll(m -> ownIds.contains(m.group()) ? "own-id" : Matcher.quoteReplacement(m.group()));
        for (String id : ownIds) {
            // the few ids that are not UUID-shaped (an alert id chosen by a client)
            if (id != null && id.length() >= 8 && !UUIDS.matcher(id).matches()) {
                checked = checked.replace(id, "own-id");
            }
        }
        List<Finding> findings = verifier.findings(checked);
        if (!findings.isEmpty()) {
            metrics.violation();
            throw new MaskingViolation(output, findings.stream().limit(5).map(Object::toString).toList().toString());
        }
    }
}
