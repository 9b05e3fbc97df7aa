package com.powerx.devhotload.masking.structured;

import java.util.Locale;

/**
 * The raw text of rewritten YAML scalars. A changed value is always written double-quoted: that style can hold any
 * character through escapes, so the masked text can never change the document's structure.
 */
final class YamlScalarText {

    private YamlScalarText() {
    }

    /**
     * New raw text for the scalar at {@code yaml[start,end)}: its original anchor/tag, {@code value} double-quoted,
     * and its original trailing line breaks, so the lines after it stay as they were.
     */
    static String render(String yaml, int start, int end, String value) {
        String raw = yaml.substring(start, end);
        StringBuilder b = new StringBuilder(value.length() + 16);
        int i = 0;
        while (i < raw.length() && (raw.charAt(i) == '&' || raw.charAt(i) == '!')) {
            int j = i;
            while (j < raw.length() && !Character.isWhitespace(raw.charAt(j))) {
                j++;
            }
            while (j < raw.length() && (raw.charAt(j) == ' ' || raw.charAt(j) == '\t')) {
                j++;
            }
            b.append(raw, i, j);
            i = j;
        }
        b.append(doubleQuoted(value));
        int t = raw.length();
        while (t > i && (raw.charAt(t - 1) == '\n' || raw.charAt(t - 1) == '\r' || raw.charAt(t - 1) == ' ')) {
            t--;
        }
        b.append(raw, t, raw.length());
        return b.toString();
    }

    /** A YAML double-quoted scalar; characters YAML forbids or would normalise are escaped. */
    static String doubleQuoted(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                            || (c >= 0xD800 && c <= 0xDFFF && !validSurrogate(v, i))) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String v, int i) {
        char c = v.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(v.charAt(i - 1));
    }

    /** Whether a plain scalar resolves to a string, not to a number, boolean or null. */
    static boolean isPlainString(String v) {
        return !(isBooleanOrNull(v) || v.matches("[-+]?(\\d[\\d_]*)(\\.\\d*)?([eE][-+]?\\d+)?"));
    }

    static boolean isBooleanOrNull(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "false", "yes", "no", "on", "off", "null", "~", "" -> true;
            default -> false;
        };
    }
}
