package com.powerx.devhotload.ticket.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Atlassian Document Format for Jira v3 descriptions and comments: one paragraph per line of text. */
final class Adf {

    private Adf() {
    }

    static Map<String, Object> of(String text) {
        List<Object> paragraphs = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\n")) {
            paragraphs.add(line.isEmpty()
                    ? Map.of("type", "paragraph")
                    : Map.of("type", "paragraph", "content", List.of(Map.of("type", "text", "text", line))));
        }
        return Map.of("type", "doc", "version", 1, "content", paragraphs);
    }
}
