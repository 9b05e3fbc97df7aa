package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.regex.Pattern;

/** Reads a node (V8) or python (CPython traceback) stack; which one it is, the text itself says. */
final class StackParser {

    private static final Pattern PYTHON = Pattern.compile(
            "^Traceback \\(most recent call last\\):|^[ \\t|+]*File \"[^\"\\n]*\", line \\d", Pattern.MULTILINE);

    private StackParser() {
    }

    static ParsedStack parse(String stack) {
        if (Text.isBlank(stack)) {
            return ParsedStack.EMPTY;
        }
        String[] lines = stack.split("\r?\n", -1);
        return PYTHON.matcher(stack).find() ? PythonStackParser.parse(lines) : NodeStackParser.parse(lines);
    }
}
