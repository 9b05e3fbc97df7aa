package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a frame's code lives: the basename that identifies the file across sessions and versions, and whether the
 * file is the plugin's own code or the runtime's, the harness's or a dependency's.
 *
 * <p>At run time a plugin version lives in {@code <workDir>/sessions/<sessionId>/v<sequence>/} (a new directory per
 * reload, under a temp root), and node prints ESM frames as {@code file://} URLs (percent-encoded, possibly with a
 * {@code ?v=123} cache buster) and CommonJS frames as paths. Only the basename is kept, so none of that counts.
 */
final class FrameLocations {

    /** The orchestrator's harness files (sandbox-orchestrator/src/main/resources/harness). */
    static final Set<String> HARNESS_FILES = Set.of("harness.mjs", "plugin-worker.mjs", "harness.py",
            "px_sandbox.py");
    /** A bundle version directory as BundleStore lays it out: a plugin file may be named like a harness file. */
    private static final Pattern BUNDLE_DIR = Pattern.compile("[/\\\\]sessions[/\\\\][^/\\\\]+[/\\\\]v\\d+[/\\\\]");
    private static final Pattern PYTHON_STDLIB = Pattern.compile("[/\\\\][Ll]ib[/\\\\]python\\d+(?:\\.\\d+)?[/\\\\]");
    private static final Pattern LINE_COLUMN = Pattern.compile("(?::\\d+){1,2}$");

    private FrameLocations() {
    }

    /** {@code file:///t/v1/lib/%C3%BCber.mjs?v=3:7:27} → {@code file:///t/v1/lib/%C3%BCber.mjs?v=3}. */
    static String stripLineColumn(String location) {
        return LINE_COLUMN.matcher(location).replaceFirst("");
    }

    /** The file's name without directory, query, fragment or line numbers; URLs are percent-decoded. */
    static String basename(String location) {
        String path = stripLineColumn(location.strip());
        boolean url = path.contains("://");
        int cut = indexOfAny(path, url ? "?#" : "?");
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(slash + 1);
        return url ? percentDecode(name) : name;
    }

    /** A node frame location (after {@link #stripLineColumn}) that is not the plugin's own code. */
    static boolean isNodeRuntime(String location) {
        String l = location.strip();
        if (l.isEmpty() || l.startsWith("node:") || l.startsWith("internal/") || l.startsWith("eval at ")
                || l.equals("native") || l.startsWith("<") || l.startsWith("index ")) {
            return true; // node core, V8 builtins ("<anonymous>", "native", Promise.all's "index 0"), eval'd code
        }
        return isDependency(l, "node_modules") || isHarness(l);
    }

    /** A python frame file that is not the plugin's own code. */
    static boolean isPythonRuntime(String file) {
        String f = file.strip();
        if (f.isEmpty() || f.startsWith("<")) {
            return true; // <frozen importlib._bootstrap>, <string>, <stdin>
        }
        return isDependency(f, "site-packages") || isDependency(f, "dist-packages")
                || PYTHON_STDLIB.matcher(f).find() || isHarness(f);
    }

    private static boolean isDependency(String path, String folder) {
        return path.contains("/" + folder + "/") || path.contains("\\" + folder + "\\");
    }

    private static boolean isHarness(String location) {
        return HARNESS_FILES.contains(basename(location)) && !BUNDLE_DIR.matcher(location).find();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String percentDecode(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name; // a stray "%" in a file name: keep it as printed
        }
    }
}
