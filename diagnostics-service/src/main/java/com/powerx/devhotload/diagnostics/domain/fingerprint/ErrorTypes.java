package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.regex.Pattern;

/**
 * The error type: given by the caller, else read from the stack's head ({@code TypeError: ...}), else from the
 * message's head, else {@code Error}. Always the bare class name, so python's {@code json.decoder.JSONDecodeError}
 * (how a traceback prints it) and {@code JSONDecodeError} (how the harness names it) are one type.
 */
final class ErrorTypes {

    static final String DEFAULT = "Error";
    /** Lines longer than this are no exception head worth reading. */
    private static final int MAX_HEAD = 4096;
    /** Longer dotted names are no type (python's longest qualified names are far shorter). */
    private static final int MAX_TYPE = 200;
    /** node's {@code TypeError [ERR_INVALID_ARG_TYPE]: ...}: the code between brackets. */
    private static final int MAX_CODE = 80;
    /** A message may only name a type that looks like one: {@code E1001: declined} is a message, not a type. */
    private static final Pattern TYPE_LIKE = Pattern.compile(
            "[A-Z][\\w$]*(?:Error|Exception|Warning|Interrupt|Exit|Iteration)");

    /** An exception head: {@code type} as printed, {@code message} null for a bare {@code Name} line. */
    record Head(String type, String message) {
    }

    private ErrorTypes() {
    }

    /**
     * The head of {@code Name}, {@code Name: message}, node's {@code TypeError [ERR_X]: message} or
     * python's {@code a.b.Name: message}; null if the line is none.
     * Read by hand: a regex with a repeated group recurses once per dot and overflows the stack on long input.
     */
    static Head head(String line) {
        if (line == null || line.isEmpty() || line.length() > MAX_HEAD) {
            return null;
        }
        int end = dottedNameEnd(line);
        if (end <= 0) {
            return null;
        }
        int rest = end;
        if (line.startsWith(" [", rest)) {
            int close = line.indexOf(']', rest);
            if (close < 0 || close - rest > MAX_CODE) {
                return null;
            }
            rest = close + 1;
        }
        if (rest == line.length()) {
            return new Head(line.substring(0, end), null);
        }
        if (line.charAt(rest) != ':') {
            return null;
        }
        int message = line.startsWith(" ", rest + 1) ? rest + 2 : rest + 1;
        return new Head(line.substring(0, end), line.substring(message));
    }

    /** End of a leading {@code ident(.ident)*} (identifiers of letters, digits, _ and $), or -1. */
    private static int dottedNameEnd(String line) {
        int limit = Math.min(line.length(), MAX_TYPE + 1);
        boolean atStart = true;
        int i = 0;
        for (; i < limit; i++) {
            char c = line.charAt(i);
            if (c == '.' && !atStart) {
                atStart = true;
            } else if (isIdentifierChar(c) && !(atStart && c >= '0' && c <= '9')) {
                atStart = false;
            } else {
                break;
            }
        }
        return atStart || i > MAX_TYPE ? -1 : i;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** {@code shop.errors.QuotaError} → {@code QuotaError}; {@code TypeError [ERR_X]} → {@code TypeError}. */
    static String normalise(String type) {
        if (Text.isBlank(type)) {
            return null;
        }
        String t = type.strip();
        int bracket = t.indexOf(" [");
        if (bracket > 0) {
            t = t.substring(0, bracket);
        }
        int dot = t.lastIndexOf('.');
        t = dot >= 0 && dot < t.length() - 1 ? t.substring(dot + 1) : t;
        return t.isBlank() ? null : t;
    }

    static String resolve(String given, String headType, String message) {
        String type = normalise(given);
        if (type == null) {
            type = normalise(headType);
        }
        if (type == null) {
            type = fromMessage(message);
        }
        return type == null ? DEFAULT : type;
    }

    /** {@code TypeError: x is not a function} (an err.toString() passed as message) → the message after the type. */
    static String stripType(String message, String type) {
        if (message == null) {
            return "";
        }
        String first = firstLine(message);
        Head head = head(first);
        if (head != null && head.message() != null && type.equals(normalise(head.type()))) {
            return head.message() + message.substring(first.length());
        }
        return message;
    }

    private static String fromMessage(String message) {
        Head head = message == null ? null : head(firstLine(message));
        if (head == null || head.message() == null) {
            return null; // a one-word message ("Timeout") names no type
        }
        String type = normalise(head.type());
        return type != null && TYPE_LIKE.matcher(type).matches() ? type : null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return Text.cut(nl < 0 ? s : s.substring(0, nl), MAX_HEAD);
    }
}
