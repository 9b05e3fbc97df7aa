package com.powerx.devhotload.cli.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which paths of the plugin folder neither trigger a reload nor go into the bundle: {@code node_modules/},
 * {@code .git/}, {@code __pycache__/}, editors' temporary files, the build output (watching only), and the
 * gitignore-like lines of {@code .pxignore} ({@code #} comments, {@code !} negation, trailing {@code /} for folders,
 * leading {@code /} to anchor, {@code *}, {@code ?}, {@code **}). The last matching rule wins, as in git.
 */
public final class IgnoreRules {

    private static final List<String> BUILT_IN = List.of("node_modules/", ".git/", "__pycache__/", ".DS_Store",
            // Editors save atomically through temporary files: vim (.swp, ~, 4913), emacs (.#), JetBrains, VS Code.
            "*.swp", "*.swx", "*.swo", "*~", ".#*", "#*#", "4913", "*.tmp", "*___jb_tmp___", "*___jb_old___", "*.crswap");

    private record Rule(Pattern pattern, boolean negated, boolean directoryOnly) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** The built-in rules plus {@code extra} lines (gitignore syntax). */
    public static IgnoreRules of(List<String> extra) {
        List<Rule> rules = new ArrayList<>();
        BUILT_IN.forEach(line -> add(rules, line));
        extra.forEach(line -> add(rules, line));
        return new IgnoreRules(rules);
    }

    /** The rules of a plugin folder: built-ins, {@code .pxignore}, and the build output when {@code outputDir} is set. */
    public static IgnoreRules forFolder(Path root, String outputDir) {
        List<String> lines = new ArrayList<>();
        if (outputDir != null) {
            lines.add("/" + trimSlashes(outputDir) + "/");
        }
        Path pxignore = root.resolve(".pxignore");
        if (Files.isRegularFile(pxignore)) {
            try {
                lines.addAll(Files.readAllLines(pxignore, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // an unreadable .pxignore ignores nothing more; the built-ins still apply
            }
        }
        return of(lines);
    }

    /** Whether {@code relativePath} ({@code /}-separated) or any folder above it is ignored. */
    public boolean ignored(String relativePath, boolean directory) {
        String[] parts = relativePath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            prefix.append(prefix.isEmpty() ? "" : "/").append(parts[i]);
            boolean isDirectory = i < parts.length - 1 || directory;
            if (matches(prefix.toString(), isDirectory)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String path, boolean directory) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (rule.directoryOnly() && !directory) {
                continue;
            }
            if (rule.pattern().matcher(path).matches()) {
                ignored = !rule.negated();
            }
        }
        return ignored;
    }

    private static void add(List<Rule> rules, String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        }
        boolean directoryOnly = line.endsWith("/");
        line = trimTrailing(line);
        // A pattern with a slash before its end is anchored to the folder root; otherwise it matches at any depth.
        boolean anchored = line.startsWith("/") || line.contains("/");
        line = line.startsWith("/") ? line.substring(1) : line;
        if (line.isEmpty()) {
            return;
        }
        String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
        rules.add(new Rule(Pattern.compile(regex), negated, directoryOnly));
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close > i) {
                    regex.append('[').append(glob, i + 1, close).append(']');
                    i = close;
                } else {
                    regex.append("\\[");
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static String trimTrailing(String line) {
        String result = line;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String trimSlashes(String path) {
        String result = path.replace('\\', '/');
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        return trimTrailing(result);
    }
}
