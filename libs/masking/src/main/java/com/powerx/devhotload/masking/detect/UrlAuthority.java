package com.powerx.devhotload.masking.detect;

import java.util.Locale;

/**
 * The {@code scheme://userinfo@host} part of a URL found at a {@code ://} position. Per RFC 3986 the authority
 * ends at the first {@code / ? #}; the last {@code @} before that separates user info from the host, so
 * passwords may contain {@code @} and {@code :}.
 */
final class UrlAuthority {

    private static final int MAX_AUTHORITY = 2048;

    String scheme;
    int authorityStart;
    int authorityEnd;
    int userStart;
    int userEnd;
    /** Password span, or -1 when the URL carries none. */
    int passwordStart = -1;
    int passwordEnd = -1;

    /** Parses the URL whose {@code ://} starts at {@code sep}; false when there is no scheme. */
    boolean parse(String t, int sep) {
        int s = schemeStart(t, sep);
        if (s == sep || !Chars.isLetter(t.charAt(s))) {
            return false;
        }
        scheme = t.substring(s, sep).toLowerCase(Locale.ROOT);
        authorityStart = sep + 3;
        int lastAt = scanAuthority(t);
        passwordStart = -1;
        passwordEnd = -1;
        userStart = authorityStart;
        userEnd = authorityStart;
        if (lastAt >= 0) {
            splitUserInfo(t, lastAt);
        }
        return true;
    }

    /** Start of the scheme ending at {@code sep}: RFC 3986 scheme characters, at most 32 of them. */
    private static int schemeStart(String t, int sep) {
        int s = sep;
        while (s > 0 && sep - s < 32) {
            char c = t.charAt(s - 1);
            if (Chars.isAlnum(c) || c == '+' || c == '.' || c == '-') {
                s--;
            } else {
                break;
            }
        }
        return s;
    }

    /**
     * Sets {@link #authorityEnd} and returns the offset of the last '@' before it, or -1. Besides {@code / ? #}
     * the authority also ends where the URL itself ends in a log line or literal: whitespace, quotes, markup.
     */
    private int scanAuthority(String t) {
        int limit = Math.min(t.length(), authorityStart + MAX_AUTHORITY);
        int lastAt = -1;
        int i = authorityStart;
        while (i < limit) {
            char c = t.charAt(i);
            if (c == '/' || c == '?' || c == '#' || Chars.isWhitespace(c) || c == '"' || c == '\'' || c == '<'
                    || c == '>' || c == '`' || c == '\\') {
                break;
            }
            if (c == '@') {
                lastAt = i;
            }
            i++;
        }
        authorityEnd = i;
        return lastAt;
    }

    /** User info {@code user[:password]} before {@code lastAt}: the first ':' splits it, as user names have none. */
    private void splitUserInfo(String t, int lastAt) {
        int colon = -1;
        for (int j = authorityStart; j < lastAt; j++) {
            if (t.charAt(j) == ':') {
                colon = j;
                break;
            }
        }
        if (colon >= 0) {
            userEnd = colon;
            passwordStart = colon + 1;
            passwordEnd = lastAt;
        } else {
            userEnd = lastAt;
        }
    }

    boolean hasPassword() {
        return passwordStart >= 0 && passwordEnd > passwordStart;
    }
}
