package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a V8 {@code error.stack} as the node harness reports it:
 * <pre>
 * /tmp/px-sandbox/sessions/s1/v3/lib/shared.mjs:2        (only syntax errors at load: the harness adds the
 *   if (amount &lt;= 0 {                                   location found by `node --check`, an excerpt
 *                   ^                                      and a blank line)
 *
 * TypeError: Cannot read properties of undefined (reading 'credits')
 *     at Object.increment (file:///tmp/px-sandbox/sessions/s1/v1/index.mjs:7:27)
 *     at file:///tmp/px-sandbox/sessions/s1/v1/index.mjs:32:51
 *     at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
 * </pre>
 * Frames come innermost first. A syntax error's location becomes an innermost {@code <module>} frame of that file:
 * V8's own frames for it are all node internals.
 */
final class NodeStackParser {

    private NodeStackParser() {
    }

    static ParsedStack parse(String[] lines) {
        List<StackFrame> frames = new ArrayList<>();
        int i = syntaxErrorLocation(lines, frames);
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        ErrorTypes.Head head = null;
        StringBuilder message = null;
        for (; i < lines.length && !isFrameLine(lines[i]); i++) {
            if (head == null && message == null) {
                head = ErrorTypes.head(lines[i]);
                // no head: the stack was overwritten or starts with the message itself
                message = new StringBuilder(head == null ? lines[i] : head.message() == null ? "" : head.message());
            } else if (message.length() < MessageTemplate.MAX_INPUT) {
                message.append('\n').append(lines[i]); // a message of several lines
            }
        }
        for (; i < lines.length; i++) {
            StackFrame frame = isFrameLine(lines[i]) ? frame(lines[i].strip().substring(3)) : null;
            if (frame != null) {
                frames.add(frame);
            }
        }
        return new ParsedStack(head == null ? null : head.type(), message == null ? null : message.toString(), frames);
    }

    /** Adds the harness's syntax-error location as a {@code <module>} frame; returns the line after the excerpt. */
    private static int syntaxErrorLocation(String[] lines, List<StackFrame> frames) {
        if (lines.length < 2 || !isLocationLine(lines[0])) {
            return 0;
        }
        String location = lines[0].strip();
        frames.add(new StackFrame(FrameLocations.basename(location), FunctionNames.MODULE,
                !FrameLocations.isNodeRuntime(FrameLocations.stripLineColumn(location))));
        int i = 1;
        while (i < lines.length && !lines[i].isBlank()) {
            i++; // the source excerpt and caret: code, not identity
        }
        return i;
    }

    static boolean isFrameLine(String line) {
        return line.startsWith("    at ") || line.strip().startsWith("at ") && line.startsWith(" ");
    }

    /** {@code fn (location)} or a bare {@code location}; null when there is no location at all. */
    static StackFrame frame(String text) {
        String function = "";
        String location = text.strip();
        if (location.endsWith(")")) {
            int open = matchingOpen(location);
            if (open > 0) {
                function = location.substring(0, open);
                location = location.substring(open + 1, location.length() - 1);
            }
        }
        if (location.isBlank()) {
            return null;
        }
        String path = FrameLocations.stripLineColumn(location.strip());
        return new StackFrame(FrameLocations.basename(path), FunctionNames.node(function),
                !FrameLocations.isNodeRuntime(path));
    }

    /** Index of the "(" that the final ")" closes (locations may hold parentheses: eval frames, odd paths). */
    private static int matchingOpen(String s) {
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code /path/to/file.mjs:12}: the first line of the harness's syntax-error excerpt. */
    private static boolean isLocationLine(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.contains(": ")) {
            return false;
        }
        int colon = line.lastIndexOf(':');
        if (colon <= 0 || colon == line.length() - 1) {
            return false;
        }
        for (int i = colon + 1; i < line.length(); i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return false;
            }
        }
        String path = line.substring(0, colon);
        return path.indexOf('/') >= 0 || path.indexOf('\\') >= 0;
    }
}
