package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules of CONTRACT.md §3 for plugin ids, versions, runtimes and bundle file lists. */
public final class BundleRules {

    public static final Pattern PLUGIN_ID = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,127}$");
    public static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$");
    public static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    public static final Set<String> RUNTIMES = Set.of("node", "python", "external");
    private static final int MAX_PATH = 1024;

    private BundleRules() {
    }

    /** Why {@code path} is not an acceptable bundle path, or null when it is. */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) return "must not be empty";
        if (path.length() > MAX_PATH) return "must be at most " + MAX_PATH + " characters";
        if (path.indexOf('\0') >= 0) return "must not contain NUL";
        if (path.indexOf('\\') >= 0) return "must use / as separator";
        if (path.startsWith("/")) return "must be relative";
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) return "must not contain ..";
            if (part.isEmpty()) return "must not contain empty segments";
        }
        return null;
    }

    /** Checks a file list; {@code field} prefixes the violation field names ("files"). */
    public static List<Violation> checkFiles(String field, List<FileRef> files, int limit, long maxBundleBytes,
                                             List<Violation> violations) {
        if (files == null) {
            return violations;
        }
        if (files.size() > limit) {
            violations.add(new Violation(field, "at most " + limit + " files allowed, got " + files.size()));
            return violations;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            FileRef f = files.get(i);
            String at = field + "[" + i + "]";
            if (f == null) {
                violations.add(new Violation(at, "must not be null"));
                continue;
            }
            String problem = pathProblem(f.path());
            if (problem != null) {
                violations.add(new Violation(at + ".path", problem));
            } else if (!seen.add(f.path())) {
                violations.add(new Violation(at + ".path", "is listed twice"));
            }
            if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
                violations.add(new Violation(at + ".sha256", "must be 64 lowercase hex characters"));
            }
            if (f.size() != null && f.size() < 0) {
                violations.add(new Violation(at + ".size", "must not be negative"));
            }
        }
        return violations;
    }

    public static long declaredBytes(List<FileRef> files) {
        long total = 0;
        for (FileRef f : files) {
            if (f != null && f.size() != null) total += f.size();
        }
        return total;
    }

    public static List<Violation> newList() {
        return new ArrayList<>();
    }
}
