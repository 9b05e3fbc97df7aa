package com.powerx.devhotload.masking.detect;

/**
 * Finds the values of a Secret's {@code data} / {@code stringData} maps inside one document, in YAML block style
 * (each deeper-indented {@code key: value} line, block scalars included) and in JSON ({@code "data": {"k": "v"}}).
 */
final class K8sSecretValues {

    private static final String[] MAPS = {"data", "stringData"};

    private K8sSecretValues() {
    }

    static void mask(String t, int from, int to, MatchSink sink) {
        for (String map : MAPS) {
            for (int i = t.indexOf(map, from); i >= 0 && i < to; i = t.indexOf(map, i + map.length())) {
                int e = i + map.length();
                if (i > 0 && t.charAt(i - 1) == '"' && e < to && t.charAt(e) == '"') {
                    jsonMap(t, e + 1, to, sink);
                } else if (startsYamlLine(t, i) && e < to && t.charAt(e) == ':') {
                    yamlBlock(t, i, e + 1, to, sink);
                }
            }
        }
    }

    private static boolean startsYamlLine(String t, int i) {
        int p = i;
        while (p > 0 && t.charAt(p - 1) == ' ') {
            p--;
        }
        return p == 0 || t.charAt(p - 1) == '\n';
    }

    /** Lines after {@code data:} indented deeper than it; their values, or whole lines inside block scalars. */
    private static void yamlBlock(String t, int keyAt, int p, int to, MatchSink sink) {
        int indent = keyAt - Chars.lineStart(t, keyAt);
        int line = Chars.lineEnd(t, p) + 1;
        int valueIndent = -1;
        while (line < to) {
            int le = Math.min(to, Chars.lineEnd(t, line));
            int s = line;
            while (s < le && t.charAt(s) == ' ') {
                s++;
            }
            if (s < le && s - line <= indent) {
                return; // back at the level of "data:"
            }
            if (s < le && (valueIndent < 0 || s - line <= valueIndent)) {
                valueIndent = s - line;
                yamlEntry(t, s, le, sink);
            } else if (s < le) {
                sink.add(s, trimEnd(t, s, le), 0); // continuation of a block scalar
            }
            line = le + 1;
        }
    }

    private static void yamlEntry(String t, int s, int le, MatchSink sink) {
        int colon = t.indexOf(": ", s);
        if (colon < 0 || colon >= le) {
            return;
        }
        int v = colon + 2;
        while (v < le && t.charAt(v) == ' ') {
            v++;
        }
        int e = trimEnd(t, v, le);
        if (v < e && (t.charAt(v) == '"' || t.charAt(v) == '\'') && t.charAt(e - 1) == t.charAt(v) && e - v >= 2) {
            v++;
            e--;
        }
        boolean blockIndicator = e - v <= 2 && v < e && (t.charAt(v) == '|' || t.charAt(v) == '>');
        if (v < e && !blockIndicator) {
            sink.add(v, e, 0);
        }
    }

    /** {@code : { "k": "v", ... }} — masks each string value up to the closing brace. */
    private static void jsonMap(String t, int p, int to, MatchSink sink) {
        p = skipSpace(t, p, to);
        if (p >= to || t.charAt(p) != ':') {
            return;
        }
        p = skipSpace(t, p + 1, to);
        if (p >= to || t.charAt(p) != '{') {
            return;
        }
        int i = p + 1;
        boolean value = false;
        while (i < to && t.charAt(i) != '}') {
            char c = t.charAt(i);
            if (c == '"') {
                int e = closingQuote(t, i + 1, to);
                if (value && e > i + 1) {
                    sink.add(i + 1, e, 0);
                }
                i = e + 1;
                continue;
            }
            if (c == ':' || c == ',') {
                value = c == ':';
            }
            i++;
        }
    }

    private static int closingQuote(String t, int i, int to) {
        while (i < to && t.charAt(i) != '"') {
            i += t.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, to);
    }

    private static int skipSpace(String t, int p, int to) {
        while (p < to && Chars.isWhitespace(t.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int trimEnd(String t, int s, int e) {
        while (e > s && Chars.isWhitespace(t.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
