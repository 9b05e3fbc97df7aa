package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.domain.ErrorGroup;
import com.powerx.devhotload.diagnostics.domain.Evidence;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import com.powerx.devhotload.diagnostics.domain.fingerprint.StackFrame;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The body of each report section, built from the merged timeline (CONTRACT.md §7 names the fields). */
final class ReportSections {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportSections() {
    }

    static ObjectNode environment(SessionInfo session, List<EvidenceEvent> timeline) {
        ObjectNode env = JSON.objectNode();
        String buildHash = session == null ? null : session.buildHash();
        for (EvidenceEvent e : timeline) {
            if (EventTypes.RELOADED.equals(e.type())) {
                buildHash = JsonText.tree(e.data()).path("buildHash").asText(buildHash);
            }
        }
        env.put("runtime", session == null ? null : session.runtime());
        env.put("version", session == null ? null : session.version());
        env.put("buildHash", buildHash);
        env.put("sessionStatus", session == null ? null : session.status());
        return env;
    }

    static ArrayNode errors(List<ErrorGroup> groups) {
        ArrayNode out = JSON.arrayNode();
        for (ErrorGroup g : groups) {
            ObjectNode e = out.addObject();
            e.put("fingerprint", g.fingerprint().value());
            e.put("title", g.fingerprint().title());
            e.put("origin", g.origin());
            e.put("message", g.message());
            e.put("stack", g.stack());
            e.put("count", g.count());
            e.put("firstSeen", g.firstSeen().toString());
            e.put("lastSeen", g.lastSeen().toString());
            ArrayNode frames = e.putArray("frames");
            for (StackFrame f : g.fingerprint().pluginFrames()) {
                frames.add(f.function() + " (" + f.file() + ")");
            }
        }
        return out;
    }

    /** The last failing invoke (handler and masked payload), else the last failed reload; null when neither. */
    static ObjectNode reproduction(List<EvidenceEvent> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            EvidenceEvent e = timeline.get(i);
            JsonNode d;
            if (EventTypes.INVOKE_FAILED.equals(e.type())) {
                d = JsonText.tree(e.data());
                ObjectNode r = JSON.objectNode().put("kind", "invoke").put("handler", d.path("handler").asText(null));
                r.set("payload", d.path("payload").isMissingNode() ? JSON.nullNode() : d.get("payload"));
                r.put("sequence", d.path("sequence").asLong());
                r.set("error", d.path("error"));
                return r.put("at", e.eventTime().toString());
            }
            if (EventTypes.RELOAD_FAILED.equals(e.type()) || EventTypes.ROLLED_BACK.equals(e.type())) {
                d = JsonText.tree(e.data());
                ObjectNode r = JSON.objectNode().put("kind", "reload").put("sequence", d.path("sequence").asLong());
                r.set("error", d.path("error"));
                return r.put("at", e.eventTime().toString());
            }
        }
        return null;
    }

    /** One row per reload sequence: what was asked, how it ended, how long each phase took. */
    static ArrayNode reloads(List<EvidenceEvent> timeline) {
        Map<Long, ObjectNode> bySequence = new TreeMap<>();
        for (EvidenceEvent e : timeline) {
            String result = reloadResult(e.type());
            if (result == null) {
                continue;
            }
            JsonNode d = JsonText.tree(e.data());
            long seq = d.path("sequence").asLong(-1);
            ObjectNode row = bySequence.computeIfAbsent(seq, s -> JSON.objectNode().put("sequence", s));
            if (result.equals("requested")) {
                row.put("requestedAt", e.eventTime().toString());
                row.set("changedFiles", d.path("changedFiles"));
                row.putIfAbsent("result", JSON.textNode("requested"));
            } else {
                row.put("result", result).put("finishedAt", e.eventTime().toString());
                copy(d, row, "durationMs", "phases", "buildHash", "error");
            }
        }
        ArrayNode out = JSON.arrayNode();
        bySequence.values().forEach(out::add);
        return out;
    }

    private static String reloadResult(String type) {
        return switch (type) {
            case EventTypes.RELOAD_REQUESTED -> "requested";
            case EventTypes.RELOADED -> "reloaded";
            case EventTypes.ROLLED_BACK -> "rolled-back";
            case EventTypes.RELOAD_FAILED -> "failed";
            default -> null;
        };
    }

    static ArrayNode timeline(List<EvidenceEvent> timeline) {
        ArrayNode out = JSON.arrayNode();
        for (EvidenceEvent e : timeline) {
            ObjectNode row = out.addObject().put("time", e.eventTime().toString()).put("type", e.type()).put("source", e.source())
                    .put("level", e.level());
            row.put("message", e.message() != null ? e.message() : describe(e));
        }
        return out;
    }

    /** A line for a timeline row of an event without a message of its own. */
    private static String describe(EvidenceEvent e) {
        JsonNode d = JsonText.tree(e.data());
        String seq = d.has("sequence") ? " #" + d.get("sequence").asText() : "";
        String name = e.type().startsWith("dev.session.") ? e.type().substring("dev.session.".length()) : e.type();
        return name + seq;
    }

    static ObjectNode evidence(Evidence ev, int logLines) {
        ObjectNode out = JSON.objectNode().put("events", ev.events().size()).put("logLines", logLines)
                .put("droppedLogLines", ev.droppedLogLines()).put("complete", ev.lagging().isEmpty() || ev.fallbackEvents() > 0);
        ArrayNode lagging = out.putArray("lagging");
        ev.lagging().forEach(lagging::add);
        out.putObject("fallback").put("used", ev.fallbackEvents() > 0).put("source", "stream-gateway replay")
                .put("events", ev.fallbackEvents());
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f));
            }
        }
    }
}
