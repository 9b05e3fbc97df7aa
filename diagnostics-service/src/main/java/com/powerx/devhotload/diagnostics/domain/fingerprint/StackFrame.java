package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.Objects;

/**
 * One frame of a stack trace, reduced to what identifies code across reloads: the file's basename (never its
 * directory, which is a per-session, per-version temp path) and the function name normalised by
 * {@link FunctionNames}. Line and column numbers are deliberately absent: an edit above the failing line moves them.
 *
 * @param file     basename of the module file, e.g. {@code index.mjs}, {@code plugin.py}; percent-decoded
 * @param function normalised function name; {@value FunctionNames#ANONYMOUS} for an anonymous function,
 *                 {@value FunctionNames#MODULE} for module top-level code and syntax errors
 * @param inPlugin true when the file belongs to the plugin's bundle (not the runtime, the harness or a dependency)
 */
public record StackFrame(String file, String function, boolean inPlugin) {

    public StackFrame {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(function, "function");
    }

    /** True when the function has no stable name of its own (see {@link FunctionNames#isAnonymous}). */
    public boolean anonymous() {
        return FunctionNames.isAnonymous(function);
    }

    /** {@code increment (index.mjs)}, or just the file for module-level and anonymous code. */
    public String describe() {
        return anonymous() || FunctionNames.MODULE.equals(function) ? file : function + " (" + file + ")";
    }
}
