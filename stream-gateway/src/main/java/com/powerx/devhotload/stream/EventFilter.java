package com.powerx.devhotload.stream;

import java.util.List;
import java.util.Set;

/**
 * What a subscriber asked to see inside its tenant's stream: sessions (any of them), one plugin, type prefixes
 * (any of them). Empty means "no restriction" for each part.
 */
public record EventFilter(Set<String> sessionIds, String pluginId, List<String> typePrefixes) {

    public EventFilter {
        sessionIds = Set.copyOf(sessionIds);
        typePrefixes = List.copyOf(typePrefixes);
    }

    public boolean matches(StreamEntry entry) {
        if (!sessionIds.isEmpty() && (entry.sessionId() == null || !sessionIds.contains(entry.sessionId()))) {
            return false;
        }
        if (pluginId != null && !pluginId.equals(entry.pluginId())) {
            return false;
        }
        if (typePrefixes.isEmpty()) {
            return true;
        }
        for (String prefix : typePrefixes) {
            if (entry.type().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
