package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a CPython traceback as the python harness reports it ({@code traceback.TracebackException.format()} with the
 * harness's, asyncio's and importlib's frames removed):
 * <pre>
 * Traceback (most recent call last):
 *   File "/tmp/px-sandbox/sessions/s1/v1/plugin.py", line 14, in handle_increment
 *     self.count += payload["user"]["credits"]
 *                   ~~~~~~~~~~~~~~~^^^^^^^^^^^
 * TypeError: 'NoneType' object is not subscriptable
 * </pre>
 * A chained exception prints the cause first ("The above exception was the direct cause ...", "During handling of
 * the above exception ..."); the reported exception is the last block, so each {@code Traceback} line starts over.
 * A syntax error's location is a {@code File "...", line N} line without {@code in}: a {@code <module>} frame.
 */
final class PythonStackParser {

    private static final String TRACEBACK = "Traceback (most recent call last):";

    private PythonStackParser() {
    }

    static ParsedStack parse(String[] lines) {
        List<StackFrame> frames = new ArrayList<>(); // outermost first, as printed
        ErrorTypes.Head head = null;
        StringBuilder message = null;
        for (String raw : lines) {
            String line = stripGroupPrefix(raw);
            if (line.startsWith(TRACEBACK)) {
                frames.clear();
                head = null;
                message = null;
            } else if (line.startsWith("File \"")) {
                StackFrame frame = frame(line);
                if (frame != null) {
                    frames.add(frame);
                }
            } else if (raw.isBlank() || Character.isWhitespace(raw.charAt(0)) || isChainNote(raw)) {
                continue; // source lines, carets, "[Previous line repeated 996 more times]", chain notes
            } else if (head == null) {
                head = ErrorTypes.head(raw);
                message = new StringBuilder(head == null ? raw : head.message() == null ? "" : head.message());
            } else if (message.length() < MessageTemplate.MAX_INPUT) {
                message.append('\n').append(raw); // a message of several lines, or 3.11 notes
            }
        }
        Collections.reverse(frames);
        return new ParsedStack(head == null ? null : head.type(), message == null ? null : message.toString(), frames);
    }

    /** {@code File "<path>", line <n>, in <function>}; without {@code in} it is a syntax error's location. */
    static StackFrame frame(String line) {
        int end = line.lastIndexOf("\", line ");
        if (end < "File \"".length()) {
            return null;
        }
        String path = line.substring("File \"".length(), end);
        int in = line.indexOf(", in ", end);
        String function = in < 0 ? FunctionNames.MODULE : FunctionNames.python(line.substring(in + ", in ".length()));
        return new StackFrame(FrameLocations.basename(path), function, !FrameLocations.isPythonRuntime(path));
    }

    private static boolean isChainNote(String line) {
        return line.startsWith("The above exception was the direct cause")
                || line.startsWith("During handling of the above exception");
    }

    /** Exception groups (3.11+) indent their members behind "| " and "+-" rulers; frames read the same inside. */
    private static String stripGroupPrefix(String line) {
        int i = 0;
        while (i < line.length() && " \t|+".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }
}
