package com.powerx.devhotload.diagnostics.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which sections a report carries, in which order, and what happens to particular fields (the seed's
 * {@code report_template.yaml}; {@code PX_DIAG_REPORT_TEMPLATE}). The header (ids, status, severity, fingerprint,
 * title, summary, times) is always there. A field policy names a dot path of object keys (arrays are walked through):
 * {@code mask} runs the masking engine (what every string gets anyway), {@code redact} replaces the value with a
 * marker, {@code omit} leaves the field out.
 */
public record ReportTemplate(List<String> sections, Map<String, FieldPolicy> fields) {

    public static final Set<String> SECTIONS = Set.of("environment", "errors", "reproduction", "reloads", "metrics", "timeline",
            "masking", "evidence", "notes");

    public enum FieldPolicy { MASK, REDACT, OMIT }

    /** The built-in template (docs/diagnostics-service.md). */
    public static final ReportTemplate BUILT_IN = new ReportTemplate(
            List.of("environment", "errors", "reproduction", "reloads", "metrics", "timeline", "evidence", "notes", "masking"),
            Map.of());

    public ReportTemplate {
        for (String s : sections) {
            if (!SECTIONS.contains(s)) {
                throw new IllegalArgumentException("unknown report section '" + s + "' (known: " + SECTIONS + ")");
            }
        }
        sections = List.copyOf(sections);
        fields = Map.copyOf(fields);
    }
}
