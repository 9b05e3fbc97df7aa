package com.powerx.devhotload.masking.detect;

/**
 * Where a value ends when its syntax says so: a closing quote, a closing list bracket, an XML end tag, or (YAML
 * block scalars) the first line that is not indented deeper than the key. Pure functions over the text for
 * {@link KeyValueScanner}; each either stops at a line break or is bounded, so hostile input stays linear.
 */
final class DelimitedValues {

    static final int MAX_XML_VALUE = 64 * 1024;
    static final int MAX_LIST = 1024;

    private DelimitedValues() {
    }

    /**
     * End of a value quoted with {@code q} whose text starts at {@code from}: the closing quote, the line end or the
     * text end. Single quotes do not escape (shell, SQL, YAML), so a backslash only skips inside other quotes.
     */
    static int quotedEnd(String t, int from, char q) {
        int n = t.length();
        int i = from;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\' && q != '\'') {
                i += 2;
                continue;
            }
            if (c == q) {
                break;
            }
            i++;
        }
        return Math.min(i, n);
    }

    /**
     * End of a value inside an escaped JSON string ({@code {\"password\":\"x\"}}) whose text starts at
     * {@code from}: the next {@code \"}, a bare quote, the line end or the text end.
     */
    static int escapedQuotedEnd(String t, int from) {
        int n = t.length();
        int i = from;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\' && i + 1 < n) {
                if (t.charAt(i + 1) == '"') {
                    break;
                }
                i += 2;
                continue;
            }
            if (c == '"') {
                break;
            }
            i++;
        }
        return Math.min(i, n);
    }

    /**
     * Offset of the ']' closing the one-line list opened at {@code open}, or -1. Lists spanning lines and nested
     * structures are refused: their items are scanned on their own, where their keys are.
     */
    static int listEnd(String t, int open) {
        int limit = Math.min(t.length(), open + MAX_LIST);
        char q = 0;
        for (int i = open + 1; i < limit; i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (q != 0) {
                if (c == '\\') {
                    i++; // an escaped character never closes the quote
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == ']') {
                return i;
            } else if (c == '[' || c == '{') {
                return -1;
            }
        }
        return -1;
    }

    /** Offset of the end tag {@code </} after element text starting at {@code from}, or -1 (nested markup too). */
    static int xmlTextEnd(String t, int from) {
        int limit = Math.min(t.length(), from + MAX_XML_VALUE);
        int i = from;
        while (i < limit && t.charAt(i) != '<') {
            i++;
        }
        return i < limit && Chars.regionMatches(t, i, "</") ? i : -1;
    }

    /** {@code |} or {@code >} with optional chomping/indent indicators and nothing but a comment after it. */
    static boolean isBlockIndicator(String t, int p) {
        int n = t.length();
        int i = p + 1;
        while (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+' || Chars.isDigit(t.charAt(i)))) {
            i++;
        }
        i = KeyValueScanner.skipBlanks(t, i);
        return i >= n || t.charAt(i) == '\n' || t.charAt(i) == '\r' || t.charAt(i) == '#';
    }

    /** Indentation of the line starting at {@code lineStart}; list dashes count, as the key is inside the item. */
    static int indentOf(String t, int lineStart) {
        int n = t.length();
        int indent = 0;
        while (lineStart + indent < n && (t.charAt(lineStart + indent) == ' ' || t.charAt(lineStart + indent) == '-')) {
            indent++;
        }
        return indent;
    }

    /**
     * First character of the next non-blank line after the line break at {@code i} when that line is indented
     * deeper than {@code indent}, else -1. Blank lines belong to a block scalar, so they are skipped.
     */
    static int nextDeeperLine(String t, int i, int indent) {
        int n = t.length();
        while (i < n) {
            if (t.charAt(i) == '\r') {
                i++;
            }
            if (i >= n || t.charAt(i) != '\n') {
                return -1;
            }
            int lineStart = i + 1;
            int j = lineStart;
            while (j < n && t.charAt(j) == ' ') {
                j++;
            }
            int le = Chars.lineEnd(t, j);
            if (j != le) {
                return j - lineStart > indent ? j : -1;
            }
            i = le;
        }
        return -1;
    }

    /** End of the last line of a block scalar whose first line's text starts at {@code first}. */
    static int blockEnd(String t, int first, int indent) {
        int last = Chars.lineEnd(t, first);
        for (int j = nextDeeperLine(t, last, indent); j >= 0; j = nextDeeperLine(t, last, indent)) {
            last = Chars.lineEnd(t, j);
        }
        return last;
    }
}
