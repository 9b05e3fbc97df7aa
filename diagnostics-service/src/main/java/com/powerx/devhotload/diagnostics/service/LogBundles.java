package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Log lines as NDJSON, gzip: a report's bundle and the Admin panel's log export (one line per log event). */
final class LogBundles {

    private LogBundles() {
    }

    /** Each line's message passes through {@code mask} (which counts what it masks into {@code byRule}). */
    static byte[] ndjsonGzip(List<EvidenceEvent> lines, BiFunction<String, Map<String, Integer>, String> mask, Map<String, Integer> byRule) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, lines.size() * 96));
        try (OutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (EvidenceEvent e : lines) {
                ObjectNode row = JsonNodeFactory.instance.objectNode().put("time", e.eventTime().toString()).put("sessionId", e.sessionId())
                        .put("pluginId", e.pluginId()).put("level", e.level()).put("message", mask.apply(e.message(), byRule))
                        .put("eventId", e.eventId());
                gz.write(row.toString().getBytes(StandardCharsets.UTF_8));
                gz.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
