package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.diagnostics.domain.ErrorGroup;
import com.powerx.devhotload.diagnostics.domain.ErrorGroups;
import com.powerx.devhotload.diagnostics.domain.Evidence;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.domain.Timeline;
import com.powerx.devhotload.diagnostics.domain.fingerprint.Fingerprinter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Builds a report's JSON document from its evidence, sections in the template's order. Masking is not done here
 * but over the whole finished document ({@link ReportMasking}), so no field can be forgotten.
 */
@ApplicationScoped
public class ReportAssembler {

    private static final Fingerprinter FINGERPRINTER = new Fingerprinter();

    /** The document and the header fields the report row and its event carry. */
    public record Assembled(ObjectNode body, String fingerprint, String title, String summary, List<EvidenceEvent> logLines) {
    }

    public Assembled assemble(ReportTask task, Evidence evidence, ReportTemplate template) {
        List<EvidenceEvent> timeline = Timeline.merge(evidence.events());
        ErrorGroups groups = ErrorGroups.of(task.pluginId(), timeline);
        ErrorGroup primary = groups.primary();
        String fingerprint = primary != null ? primary.fingerprint().value()
                : FINGERPRINTER.fingerprint(task.pluginId(), "NoFailureInWindow", task.notes(), null).value();
        String title = primary != null ? primary.fingerprint().title() : "No failure in the window" + (task.notes() == null ? "" : ": " + task.notes());
        List<EvidenceEvent> logs = timeline.stream().filter(e -> EventTypes.SESSION_LOG.equals(e.type())).toList();
        String summary = summary(timeline, primary, logs.size());

        ObjectNode body = header(task, fingerprint, title, summary);
        for (String section : template.sections()) {
            JsonNode value = section(section, task, evidence, timeline, groups, logs.size());
            body.set(section, value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return new Assembled(body, fingerprint, title, summary, logs);
    }

    private static JsonNode section(String name, ReportTask task, Evidence evidence, List<EvidenceEvent> timeline,
                                    ErrorGroups groups, int logLines) {
        return switch (name) {
            case "environment" -> ReportSections.environment(evidence.session(), timeline);
            case "errors" -> ReportSections.errors(groups.ranked());
            case "reproduction" -> ReportSections.reproduction(timeline);
            case "reloads" -> ReportSections.reloads(timeline);
            case "metrics" -> evidence.telemetry();
            case "timeline" -> ReportSections.timeline(timeline);
            case "evidence" -> ReportSections.evidence(evidence, logLines);
            case "notes" -> JsonNodeFactory.instance.textNode(task.notes());
            // Filled in after the whole document has been masked (ReportMasking).
            case "masking" -> JsonNodeFactory.instance.objectNode();
            default -> throw new IllegalStateException("unknown section " + name);
        };
    }

    private static ObjectNode header(ReportTask task, String fingerprint, String title, String summary) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("reportId", task.reportId().toString()).put("status", "ready").put("tenantId", task.tenantId())
                .put("pluginId", task.pluginId()).put("sessionId", task.sessionId()).put("traceId", task.traceId())
                .put("alertId", task.alertId()).put("severity", task.severity()).put("fingerprint", fingerprint)
                .put("title", title).put("summary", summary);
        h.putObject("window").put("from", task.window().from().toString()).put("to", task.window().to().toString());
        return h;
    }

    private static String summary(List<EvidenceEvent> timeline, ErrorGroup primary, int logLines) {
        long reloads = count(timeline, EventTypes.RELOAD_FAILED) + count(timeline, EventTypes.ROLLED_BACK);
        long invokes = count(timeline, EventTypes.INVOKE_FAILED);
        long crashes = count(timeline, EventTypes.SANDBOX_CRASHED);
        String most = primary == null ? "no failure recorded" : "most frequent: " + primary.fingerprint().title() + " (x" + primary.count() + ")";
        return reloads + " failed reloads, " + invokes + " failed invokes, " + crashes + " crashes, " + logLines + " log lines; " + most;
    }

    private static long count(List<EvidenceEvent> timeline, String type) {
        return timeline.stream().filter(e -> type.equals(e.type())).count();
    }
}
