package com.powerx.devhotload.masking.detect;

/** Check-digit algorithms that turn digit runs into high-confidence identifiers (cards, IBANs, national ids). */
public final class Checksums {

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private Checksums() {
    }

    /** Luhn over the digits of {@code s[from,to)}, ignoring separators. */
    public static boolean luhn(CharSequence s, int from, int to) {
        int sum = 0;
        boolean dbl = false;
        int digits = 0;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (!Chars.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /** ISO 13616 mod-97 over an IBAN given as alphanumerics (spaces ignored). */
    public static boolean ibanMod97(CharSequence s, int from, int to) {
        // Move the first four characters to the end, map letters to 10..35, and reduce incrementally.
        StringBuilder compact = new StringBuilder(34);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ') {
                compact.append(c);
            }
        }
        if (compact.length() < 5) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int rem = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Chars.isDigit(c)) {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (Chars.isUpper(c)) {
                int v = c - 'A' + 10;
                rem = (rem * 100 + v) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }

    /** Spanish DNI/NIE control letter: number mod 23 indexes a fixed alphabet. */
    public static boolean spanishDni(long number, char letter) {
        return DNI_LETTERS.charAt((int) (number % 23)) == letter;
    }

    /** Dutch BSN "11-proof": weights 9..2 and -1 for the last digit. */
    public static boolean dutchBsn(CharSequence s, int from) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = s.charAt(from + i) - '0';
            sum += i == 8 ? -d : d * (9 - i);
        }
        return sum % 11 == 0 && sum != 0;
    }
}
