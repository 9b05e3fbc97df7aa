package com.powerx.devhotload.masking.detect;

/** Extracts the password a command-line flag carries, in the ways {@link CommandFlags.Carrier} lists. */
final class FlagValues {

    private FlagValues() {
    }

    /** Reports the password carried by flag {@code f} if token {@code tok} is that flag. */
    static void emit(String t, CommandFlags.Flag f, int[] tok, int[] next, MatchSink sink) {
        String name = f.name();
        int len = tok[1] - tok[0];
        boolean exact = len == name.length() && Chars.regionMatches(t, tok[0], name);
        boolean attached = len > name.length() && Chars.regionMatches(t, tok[0], name)
                && t.charAt(tok[0] + name.length()) != '-';
        int[] value = exact ? next : null;
        switch (f.carrier()) {
            case NEXT, LOGIN_NEXT -> whole(t, value, sink);
            case ATTACHED -> {
                if (attached) {
                    emitValue(t, tok[0] + name.length(), tok[1], sink);
                }
            }
            case NEXT_OR_ATTACHED -> {
                whole(t, value, sink);
                if (attached) {
                    int s = tok[0] + name.length();
                    emitValue(t, t.charAt(s) == '=' ? s + 1 : s, tok[1], sink);
                }
            }
            case AFTER_COLON -> afterSeparator(t, value, ':', sink);
            case AFTER_PERCENT -> afterSeparator(t, value, '%', sink);
            case AFTER_COMMA -> afterSeparator(t, value, ',', sink);
            case PASS_PREFIX -> passPrefixed(t, value, sink);
            default -> throw new IllegalStateException("unknown carrier " + f.carrier());
        }
    }

    private static void whole(String t, int[] value, MatchSink sink) {
        if (value != null) {
            emitValue(t, value[0], value[1], sink);
        }
    }

    /** {@code user:secret}, {@code user%secret}, {@code user,secret}. */
    private static void afterSeparator(String t, int[] value, char sep, MatchSink sink) {
        if (value == null) {
            return;
        }
        int at = indexOf(t, sep, value[0], value[1]);
        if (at > value[0]) {
            emitValue(t, at + 1, value[1], sink);
        }
    }

    /** OpenSSL pass phrases given inline ({@code pass:secret}); {@code env:} and {@code file:} name a source. */
    private static void passPrefixed(String t, int[] value, MatchSink sink) {
        if (value == null) {
            return;
        }
        int vs = isQuote(t.charAt(value[0])) ? value[0] + 1 : value[0];
        if (Chars.regionMatches(t, vs, "pass:")) {
            emitValue(t, vs + 5, value[1], sink);
        }
    }

    /** Reports {@code t[s,e)} without surrounding quotes unless it is an obvious non-secret ({@code $VAR}, empty). */
    static void emitValue(String t, int s, int e, MatchSink sink) {
        if (s < e && isQuote(t.charAt(s))) {
            s++;
        }
        if (e > s && isQuote(t.charAt(e - 1))) {
            e--;
        }
        if (e > s && !NonSecretValues.isNonSecret(t, s, e)) {
            sink.add(s, e, 0);
        }
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    static int indexOf(String t, char c, int s, int e) {
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
