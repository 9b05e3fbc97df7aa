package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.repository.StoredReport;

import java.util.UUID;

/** What the report endpoints answer. */
final class ReportViews {

    /** {@code 202 data {reportId, status}}. */
    record Accepted(String reportId, String status) {
    }

    /** One row of the report list. */
    record Listed(String reportId, String status, String pluginId, String sessionId, String severity, String fingerprint,
                  String title, String createdAt, String generatedAt, Long generationMs, String failureReason) {
        static Listed of(StoredReport r) {
            return new Listed(r.task().reportId().toString(), r.task().status().wire(), r.task().pluginId(), r.task().sessionId(),
                    r.task().severity(), r.fingerprint(), r.title(), String.valueOf(r.createdAt()),
                    r.generatedAt() == null ? null : r.generatedAt().toString(), r.generationMs(), r.failureReason());
        }
    }

    private ReportViews() {
    }

    /** A ready report is its stored document; before that (or failed), its state and header. */
    static JsonNode full(StoredReport r) {
        if (r.body() != null) {
            return JsonText.tree(r.body());
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("reportId", r.task().reportId().toString()).put("status", r.task().status().wire()).put("tenantId", r.task().tenantId())
                .put("pluginId", r.task().pluginId()).put("sessionId", r.task().sessionId()).put("alertId", r.task().alertId())
                .put("severity", r.task().severity()).put("fingerprint", r.fingerprint()).put("title", r.title())
                .put("summary", r.summary()).put("failureReason", r.failureReason());
        n.putObject("window").put("from", r.task().window().from().toString()).put("to", r.task().window().to().toString());
        return n;
    }

    static String bundleName(UUID id) {
        return "report-" + id + ".ndjson.gz";
    }
}
