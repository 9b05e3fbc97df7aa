package com.powerx.devhotload.platform.web;

import com.powerx.devhotload.platform.api.ApiException;

/**
 * Refuses JSON text whose strings PostgreSQL cannot store: a NUL character (UTF-8 text and jsonb have no NUL; it
 * failed the insert with a 500) and UTF-16 surrogates that do not pair up (not Unicode at all; the driver would have
 * turned them into '?' without a word). Works on the raw bytes, following JSON's escapes, so a literal backslash
 * ({@code \\u0000} is six characters of text) is not mistaken for one.
 */
public final class JsonTextGuard {

    private JsonTextGuard() {
    }

    /** Throws the 400 envelope ({@code invalid_characters}) at the first NUL or unpaired surrogate. */
    public static void check(byte[] json) {
        int i = 0;
        boolean pendingHigh = false;
        while (i < json.length) {
            byte b = json[i];
            if (b == 0) {
                throw refused(i, "a NUL byte");
            }
            if (b != '\\') {
                if (pendingHigh) {
                    throw refused(i, "a high surrogate without its low half");
                }
                i++;
                continue;
            }
            if (i + 1 >= json.length) {
                return; // truncated: the JSON parser says so
            }
            if (json[i + 1] != 'u') {
                if (pendingHigh) {
                    throw refused(i, "a high surrogate without its low half");
                }
                i += 2; // \\, \", \n, ...
                continue;
            }
            int unit = hex(json, i + 2);
            if (unit < 0) {
                return; // not a valid escape: the JSON parser says so
            }
            if (unit == 0) {
                throw refused(i, "\\u0000");
            }
            boolean high = unit >= 0xD800 && unit <= 0xDBFF;
            boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
            if (low && !pendingHigh) {
                throw refused(i, "a low surrogate without its high half");
            }
            if (!low && pendingHigh) {
                throw refused(i, "a high surrogate without its low half");
            }
            pendingHigh = high;
            i += 6;
        }
        if (pendingHigh) {
            throw refused(json.length, "a high surrogate without its low half");
        }
    }

    private static int hex(byte[] json, int from) {
        if (from + 4 > json.length) {
            return -1;
        }
        int value = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = Character.digit(json[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static ApiException refused(int at, String what) {
        return ApiException.badRequest("invalid_characters",
                "JSON text must not contain " + what + " (byte " + at + "): strings are stored as UTF-8 text");
    }
}
