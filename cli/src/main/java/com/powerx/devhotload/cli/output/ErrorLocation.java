package com.powerx.devhotload.cli.output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the plugin file and line a runtime error points at: node's {@code file:///…/index.mjs:12} (stack frames and
 * SyntaxError headers) and python's {@code File "…/plugin.py", line 7}. Sandbox paths are mapped back to bundle paths
 * by their longest matching suffix, so the developer sees {@code lib/counter.mjs:12}, not a temp folder.
 */
public final class ErrorLocation {

    private static final Pattern PYTHON = Pattern.compile("File \"([^\"]+)\", line (\\d+)");
    private static final Pattern NODE = Pattern.compile("(?:file://)?(/[^\\s():'\"]+\\.(?:mjs|cjs|js|ts|json)):(\\d+)");

    private ErrorLocation() {
    }

    /** A file in the bundle and a line in it. */
    public record Location(String file, int line) {
    }

    public static Optional<Location> find(String text, Collection<String> bundlePaths) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Location> python = matches(PYTHON, text, bundlePaths);
        if (!python.isEmpty()) {
            return Optional.of(python.getLast()); // a traceback lists the innermost frame last
        }
        List<Location> node = matches(NODE, text, bundlePaths);
        return node.isEmpty() ? Optional.empty() : Optional.of(node.getFirst()); // node puts it first
    }

    private static List<Location> matches(Pattern pattern, String text, Collection<String> bundlePaths) {
        List<Location> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String file = toBundlePath(m.group(1), bundlePaths);
            if (file != null) {
                found.add(new Location(file, Integer.parseInt(m.group(2))));
            }
        }
        return found;
    }

    private static String toBundlePath(String absolute, Collection<String> bundlePaths) {
        String best = null;
        for (String path : bundlePaths) {
            if ((absolute.equals(path) || absolute.endsWith("/" + path)) && (best == null || path.length() > best.length())) {
                best = path;
            }
        }
        return best;
    }
}
