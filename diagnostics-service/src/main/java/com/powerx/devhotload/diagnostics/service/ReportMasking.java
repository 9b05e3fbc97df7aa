package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate;
import com.powerx.devhotload.diagnostics.domain.ReportTemplate.FieldPolicy;
import com.powerx.devhotload.masking.MaskResult;
import com.powerx.devhotload.masking.MaskingEngine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks a finished report document in place: the template's field policies first (redact, omit), then every string
 * value — and every object key — through the masking engine, whatever section it is in. Then the masking section
 * is filled with what the report holds masked: markers left at ingest and those added now, by rule.
 */
@ApplicationScoped
public class ReportMasking {

    private static final Pattern MARKER = Pattern.compile("\\[(REDACTED|HASH):([A-Za-z0-9_-]{1,80})]|\\*{4,}");

    private final MaskingEngine engine;

    public ReportMasking(MaskingEngine engine) {
        this.engine = engine;
    }

    public void apply(ObjectNode body, ReportTemplate template) {
        for (Map.Entry<String, FieldPolicy> field : template.fields().entrySet()) {
            applyPolicy(body, field.getKey().split("\\."), 0, field.getValue());
        }
        Map<String, Integer> byRule = new TreeMap<>();
        JsonNode masked = mask(body, byRule);
        body.setAll((ObjectNode) masked);
        if (body.has("masking")) {
            int total = byRule.values().stream().mapToInt(Integer::intValue).sum();
            ObjectNode summary = body.putObject("masking").put("rulesVersion", engine.rulesVersion()).put("redactions", total);
            ObjectNode rules = summary.putObject("byRule");
            byRule.forEach(rules::put);
        }
    }

    /** Masks one text and counts the markers it ends up with (used for the log bundle and export lines too). */
    public String maskText(String text, Map<String, Integer> byRule) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        MaskResult r = engine.mask(text);
        countMarkers(r.text(), byRule);
        return r.text();
    }

    private JsonNode mask(JsonNode node, Map<String, Integer> byRule) {
        if (node.isTextual()) {
            return TextNode.valueOf(maskText(node.asText(), byRule));
        }
        if (node.isArray()) {
            ArrayNode out = ((ArrayNode) node).arrayNode();
            node.forEach(item -> out.add(mask(item, byRule)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = ((ObjectNode) node).objectNode();
            node.properties().forEach(e -> out.set(maskText(e.getKey(), byRule), mask(e.getValue(), byRule)));
            return out;
        }
        return node;
    }

    private static void applyPolicy(JsonNode node, String[] path, int depth, FieldPolicy policy) {
        if (node.isArray()) {
            node.forEach(item -> applyPolicy(item, path, depth, policy));
            return;
        }
        if (!(node instanceof ObjectNode object) || !object.has(path[depth])) {
            return;
        }
        if (depth < path.length - 1) {
            applyPolicy(object.get(path[depth]), path, depth + 1, policy);
            return;
        }
        switch (policy) {
            case OMIT -> object.remove(path[depth]);
            case REDACT -> object.put(path[depth], "[REDACTED:report-template]");
            case MASK -> { } // every string is masked anyway
        }
    }

    private static void countMarkers(String text, Map<String, Integer> byRule) {
        if (text.indexOf('[') < 0 && text.indexOf("****") < 0) {
            return;
        }
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            String rule = m.group(2) != null && m.group(1).equals("REDACTED") ? m.group(2) : m.group(1) != null ? "hash" : "mask";
            byRule.merge(rule, 1, Integer::sum);
        }
    }
}
