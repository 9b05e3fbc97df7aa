package com.powerx.devhotload.session.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.platform.api.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a reload's file list when the CLI sends only {@code changedFiles}: the previous list with each change
 * applied. Objects with a hash replace (or add) the file, {@code delete} removes it, and a bare path with no hash
 * means "re-read this file" — it keeps its current blob.
 *
 * <p>A session without a bundle (PowerX's own CLIs upload none) is notification-only: its {@code changedFiles} are
 * recorded and passed on as sent, whatever paths they name — so bundle path rules are checked only by
 * {@link #apply}, once the session is known to have a bundle, not by {@link #parse}.
 */
public final class FileChanges {

    /** Longest path a notification-only reload may name (the bundle's own limit). */
    private static final int MAX_PATH = 1024;

    /**
     * One parsed entry of {@code changedFiles}; {@code pathProblem} is why the path could not name a bundle file
     * (absolute, {@code ..}, backslashes), or null.
     */
    public record Change(String type, String path, String hash, String pathProblem) {
        public Change(String type, String path, String hash) {
            this(type, path, hash, BundleRules.pathProblem(path));
        }
    }

    private FileChanges() {
    }

    /** Parses {@code changedFiles}; problems go to {@code violations}. */
    public static List<Change> parse(List<JsonNode> raw, List<Violation> violations) {
        List<Change> changes = new ArrayList<>();
        if (raw == null) {
            return changes;
        }
        for (int i = 0; i < raw.size(); i++) {
            JsonNode node = raw.get(i);
            String at = "changedFiles[" + i + "]";
            if (node != null && node.isTextual()) {
                changes.add(checked(new Change("modify", node.asText(), null), at, violations));
            } else if (node != null && node.isObject()) {
                String type = node.path("type").asText("modify");
                if (!List.of("create", "modify", "delete").contains(type)) {
                    violations.add(new Violation(at + ".type", "must be create, modify or delete"));
                    continue;
                }
                String hash = node.hasNonNull("hash") ? node.get("hash").asText() : null;
                if (hash != null && hash.startsWith("sha256:")) {
                    hash = hash.substring(7);
                }
                if (hash != null && !BundleRules.SHA256.matcher(hash).matches()) {
                    violations.add(new Violation(at + ".hash", "must be 64 lowercase hex characters"));
                    continue;
                }
                changes.add(checked(new Change(type, node.path("path").asText(null), hash), at, violations));
            } else {
                violations.add(new Violation(at, "must be a path or an object {type, path, hash}"));
            }
        }
        return changes;
    }

    /** What every entry must be, bundle or not: a non-empty path of bounded length without NUL. */
    private static Change checked(Change change, String at, List<Violation> violations) {
        String path = change.path();
        if (path == null || path.isEmpty()) {
            violations.add(new Violation(at + ".path", "must not be empty"));
        } else if (path.length() > MAX_PATH) {
            violations.add(new Violation(at + ".path", "must be at most " + MAX_PATH + " characters"));
        } else if (path.indexOf('\0') >= 0) {
            violations.add(new Violation(at + ".path", "must not contain NUL"));
        }
        return change;
    }

    /** The previous file list with {@code changes} applied, in a stable (path) order. */
    public static List<FileRef> apply(List<FileRef> previous, List<Change> changes, List<Violation> violations) {
        Map<String, FileRef> byPath = new LinkedHashMap<>();
        for (FileRef f : previous) {
            byPath.put(f.path(), f);
        }
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (c.pathProblem() != null) {
                violations.add(new Violation("changedFiles[" + i + "].path", c.pathProblem()));
            } else if (c.type().equals("delete")) {
                byPath.remove(c.path());
            } else if (c.hash() != null) {
                byPath.put(c.path(), new FileRef(c.path(), c.hash(), null));
            } else if (!byPath.containsKey(c.path())) {
                violations.add(new Violation("changedFiles", c.path() + " is not in the session's bundle and has no hash"));
            }
        }
        return byPath.values().stream().sorted(java.util.Comparator.comparing(FileRef::path)).toList();
    }

    /** The paths named by {@code changes}, for the reload event. */
    public static List<String> paths(List<Change> changes) {
        return changes.stream().map(Change::path).toList();
    }
}
