package com.powerx.devhotload.cli.bundle;

/** The file path rules session-service applies (CONTRACT §3), checked before anything is sent. */
public final class PathRules {

    public static final int MAX_LENGTH = 1024;

    private PathRules() {
    }

    /** What is wrong with {@code path}, or null when the server will take it. */
    public static String problem(String path) {
        if (path.isEmpty()) {
            return "empty path";
        }
        if (path.length() > MAX_LENGTH) {
            return "path longer than " + MAX_LENGTH + " characters";
        }
        if (path.indexOf('\0') >= 0) {
            return "path contains NUL";
        }
        if (path.indexOf('\\') >= 0) {
            return "path contains a backslash";
        }
        if (path.startsWith("/")) {
            return "absolute path";
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                return "path escapes the plugin folder";
            }
        }
        return null;
    }
}
