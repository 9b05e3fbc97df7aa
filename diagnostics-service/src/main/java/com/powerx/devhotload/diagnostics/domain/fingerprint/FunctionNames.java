package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.Set;

/**
 * Normalises the function names of V8 and CPython frames so that the same function has the same name in every
 * session, version and call path.
 *
 * <p>V8 prints {@code at async Object.withdraw [as w] (...)}: {@code async} only says the frame was resumed after an
 * await (the same function prints with and without it), the receiver ({@code Object.}, {@code Counter.}) is the
 * runtime type of {@code this}, not the defining class (a shared method prints differently per caller), and
 * {@code [as w]} is the property it was called through. All three are dropped, which also makes node names look like
 * python's, whose tracebacks print the bare function name. Trailing digits are kept: {@code step1}/{@code step2}
 * are different functions, and a bundler's rename ({@code handler} to {@code handler2}) is a new group we can see,
 * while stripping would merge distinct functions silently.
 */
final class FunctionNames {

    /** The name of every function without a stable name of its own. */
    static final String ANONYMOUS = "<anonymous>";
    /** Module top-level code (python {@code <module>}), and the location of a syntax error. */
    static final String MODULE = "<module>";

    private static final Set<String> ANONYMOUS_NAMES = Set.of("", ANONYMOUS, "anonymous", "<lambda>", "<listcomp>",
            "<dictcomp>", "<setcomp>", "<genexpr>", "<unknown>", "<computed>");

    private FunctionNames() {
    }

    static boolean isAnonymous(String function) {
        return ANONYMOUS.equals(function);
    }

    /** {@code async Object.foo [as bar]} → {@code foo}; {@code Object.<anonymous>} and nothing → anonymous. */
    static String node(String raw) {
        String name = raw == null ? "" : raw.strip();
        name = stripPrefix(stripPrefix(name, "async "), "new ");
        String alias = "";
        int as = name.lastIndexOf(" [as ");
        if (as > 0 && name.endsWith("]")) {
            alias = name.substring(as + " [as ".length(), name.length() - 1).strip();
            name = name.substring(0, as);
        }
        String own = canonical(lastSegment(name));
        // A method with a computed key has no name of its own; the property it was called through is the best one.
        return isAnonymous(own) && !alias.isEmpty() ? canonical(alias) : own;
    }

    /** {@code handle_increment} stays; {@code <lambda>}, {@code <listcomp>} → anonymous; qualified → last part. */
    static String python(String raw) {
        return canonical(lastSegment(raw == null ? "" : raw.strip()));
    }

    private static String canonical(String name) {
        return ANONYMOUS_NAMES.contains(name) ? ANONYMOUS : name;
    }

    private static String stripPrefix(String name, String prefix) {
        return name.startsWith(prefix) ? name.substring(prefix.length()).strip() : name;
    }

    /** The part after the last dot, keeping a computed name ({@code [Symbol.iterator]}) or {@code <...>} whole. */
    private static String lastSegment(String name) {
        int depth = 0;
        for (int i = name.length() - 1; i >= 0; i--) {
            char c = name.charAt(i);
            if (c == ']' || c == '>') {
                depth++;
            } else if ((c == '[' || c == '<') && depth > 0) {
                depth--;
            } else if (c == '.' && depth == 0) {
                return name.substring(i + 1);
            }
        }
        return name;
    }
}
