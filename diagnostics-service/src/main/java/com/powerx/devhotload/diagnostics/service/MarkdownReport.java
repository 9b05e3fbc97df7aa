package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The Markdown form of a (masked) report document, sections in the document's order (the template's). Renders
 * from the masked JSON, never from the evidence, so both forms say exactly the same.
 */
final class MarkdownReport {

    /** Timeline rows shown in Markdown; the JSON and the bundle have all of them. */
    static final int TIMELINE_ROWS = 500;

    private final StringBuilder md = new StringBuilder(64 * 1024);

    private MarkdownReport() {
    }

    static String render(JsonNode report) {
        MarkdownReport r = new MarkdownReport();
        r.header(report);
        Iterator<Map.Entry<String, JsonNode>> fields = report.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            r.section(f.getKey(), f.getValue());
        }
        return r.md.toString();
    }

    private void header(JsonNode r) {
        md.append("# ").append(text(r, "title")).append("\n\n");
        md.append("| | |\n|---|---|\n");
        for (String f : new String[] {"reportId", "severity", "pluginId", "sessionId", "fingerprint", "alertId", "generatedAt", "generationMs"}) {
            if (r.hasNonNull(f)) {
                md.append("| ").append(f).append(" | `").append(cell(r.get(f).asText())).append("` |\n");
            }
        }
        md.append("| window | ").append(text(r.path("window"), "from")).append(" → ").append(text(r.path("window"), "to")).append(" |\n\n");
        md.append(text(r, "summary")).append("\n");
    }

    private void section(String name, JsonNode value) {
        switch (name) {
            case "environment", "evidence", "masking", "metrics" -> keyValues(name, value);
            case "errors" -> errors(value);
            case "reproduction" -> reproduction(value);
            case "reloads" -> reloads(value);
            case "timeline" -> timeline(value);
            case "notes" -> {
                if (value.isTextual()) {
                    md.append("\n## Notes\n\n").append(value.asText()).append('\n');
                }
            }
            default -> { } // header fields
        }
    }

    private void keyValues(String name, JsonNode value) {
        md.append("\n## ").append(capital(name)).append("\n\n");
        if (value == null || value.isNull() || value.isEmpty()) {
            md.append("_none_\n");
            return;
        }
        value.properties().forEach(e -> md.append("- **").append(e.getKey()).append("**: `").append(cell(e.getValue().isValueNode()
                ? e.getValue().asText() : e.getValue().toString())).append("`\n"));
    }

    private void errors(JsonNode errors) {
        md.append("\n## Errors\n\n");
        if (errors.isEmpty()) {
            md.append("_none in the window_\n");
        }
        for (JsonNode e : errors) {
            md.append("### ").append(text(e, "title")).append(" — ×").append(e.path("count").asInt()).append("\n\n");
            md.append("`").append(text(e, "fingerprint")).append("` · ").append(text(e, "origin")).append(" · first ")
                    .append(text(e, "firstSeen")).append(" · last ").append(text(e, "lastSeen")).append("\n\n");
            md.append("```\n").append(fence(text(e, "message"))).append('\n');
            if (e.hasNonNull("stack") && !e.get("stack").asText().isBlank()) {
                md.append(fence(e.get("stack").asText())).append('\n');
            }
            md.append("```\n\n");
        }
    }

    private void reproduction(JsonNode r) {
        md.append("\n## Reproduction\n\n");
        if (r == null || r.isNull()) {
            md.append("_no failing invoke or reload in the window_\n");
            return;
        }
        if ("invoke".equals(text(r, "kind"))) {
            md.append("Invoke handler `").append(text(r, "handler")).append("` (code #").append(text(r, "sequence")).append(") with:\n\n```json\n")
                    .append(fence(r.path("payload").toPrettyString())).append("\n```\n");
        } else {
            md.append("Reload #").append(text(r, "sequence")).append(" of the current bundle.\n");
        }
        md.append("\nIt failed with: `").append(cell(r.at("/error/message").asText(""))).append("`\n");
    }

    private void reloads(JsonNode reloads) {
        md.append("\n## Reloads\n\n| # | result | ms | phase of failure | error |\n|---|---|---|---|---|\n");
        for (JsonNode r : reloads) {
            md.append("| ").append(text(r, "sequence")).append(" | ").append(text(r, "result")).append(" | ").append(text(r, "durationMs"))
                    .append(" | ").append(cell(r.at("/error/phase").asText(""))).append(" | ").append(cell(r.at("/error/message").asText("")))
                    .append(" |\n");
        }
    }

    private void timeline(JsonNode rows) {
        md.append("\n## Timeline\n\n| time | source | level | event |\n|---|---|---|---|\n");
        int from = Math.max(0, rows.size() - TIMELINE_ROWS);
        if (from > 0) {
            md.append("| | | | _").append(from).append(" earlier rows in the JSON report and the bundle_ |\n");
        }
        for (int i = from; i < rows.size(); i++) {
            JsonNode t = rows.get(i);
            md.append("| ").append(text(t, "time")).append(" | ").append(text(t, "source")).append(" | ").append(text(t, "level"))
                    .append(" | ").append(cell(text(t, "message"))).append(" |\n");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ⏎ ").replace("`", "'");
    }

    private static String fence(String s) {
        return s.replace("```", "'''");
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
