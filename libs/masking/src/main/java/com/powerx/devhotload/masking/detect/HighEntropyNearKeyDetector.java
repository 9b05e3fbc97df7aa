package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Set;

/**
 * {@code high-entropy-near-key}: random-looking values next to ambiguous key names ({@code key}, {@code auth},
 * {@code signature}) and random tokens a few words after a secret word in prose ("using token AbC9...").
 */
public final class HighEntropyNearKeyDetector implements Detector {

    public static final String ID = "high-entropy-near-key";
    private static final List<String> KEYWORDS = List.of(
            "key", "auth", "sig", "signature", "hmac", "otp", "pin", "token", "secret", "pass", "pwd", "credential");
    private static final int NEAR_WINDOW = 64;

    private final KeyClassifier classifier = new KeyClassifier(Set.of());

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        KeyValueScanner kv = new KeyValueScanner();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int start = hits.start(h);
            if (start < resume) {
                continue;
            }
            int len = KEYWORDS.get(hits.keyword(h)).length();
            if (!kv.findKey(t, start, start + len, resume)) {
                resume = Math.max(resume, kv.tokenEnd);
                continue;
            }
            resume = kv.tokenEnd;
            KeyStrength ks = classifier.classify(t, kv.keyStart, kv.keyEnd);
            if (ks == KeyStrength.NONE) {
                continue;
            }
            if (kv.parseValue(t)) {
                if (ks == KeyStrength.WEAK && weakValueIsSecret(t, kv.valueStart, kv.valueEnd)) {
                    sink.add(kv.valueStart, kv.valueEnd, 0);
                }
                resume = Math.max(resume, kv.valueEnd); // never re-parse inside a value: keeps hostile input linear
                continue;
            }
            resume = Math.max(resume, near(t, kv.tokenEnd, sink));
        }
    }

    static boolean weakValueIsSecret(String t, int s, int e) {
        if (NonSecretValues.isNonSecret(t, s, e) || containsDashes(t, s, e)) {
            return false; // PEM blocks are the PEM detector's; a weak key must not swallow their BEGIN/END lines
        }
        if (Entropy.looksRandom(t, s, e, 16)) {
            return true;
        }
        // Padded base64 blobs (HMAC keys, encrypted values) lack digits often enough to need their own test.
        int n = e - s;
        return n >= 24 && t.charAt(e - 1) == '=' && isBase64(t, s, e) && Entropy.bitsPerChar(t, s, e) >= 3.5;
    }

    private static boolean containsDashes(String t, int s, int e) {
        int run = 0;
        for (int i = s; i < e; i++) {
            run = t.charAt(i) == '-' ? run + 1 : 0;
            if (run == 5) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBase64(String t, int s, int e) {
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (!Chars.isBase64(c) && c != '=') {
                return false;
            }
        }
        return true;
    }

    /** Looks a few words past a secret word for a random token on the same line. */
    private static int near(String t, int from, MatchSink sink) {
        int limit = Chars.lineEnd(t, from, NEAR_WINDOW);
        int p = from;
        int words = 0;
        int prevWordStart = -1;
        int prevWordEnd = -1;
        while (p < limit && words <= 3) {
            while (p < limit && " \t:=\"'(,".indexOf(t.charAt(p)) >= 0) {
                p++;
            }
            int s = p;
            while (p < t.length() && isTokenChar(t.charAt(p))) {
                p++;
            }
            if (p == s) {
                return p;
            }
            int e = p;
            while (e > s && (t.charAt(e - 1) == '.' || t.charAt(e - 1) == '-')) {
                e--;
            }
            if (e - s >= 20 && t.charAt(s) != '-') { // "-pS3cret..." is a command-line flag: cli-password's
                if (!digestLabel(t, prevWordStart, prevWordEnd) && Entropy.looksRandom(t, s, e, 20) && Entropy.bitsPerChar(t, s, e) >= 3.5 && !dotted(t, s, e)
                        && !NonSecretValues.isNonSecret(t, s, e)) {
                    sink.add(s, e, 0);
                }
                return p;
            }
            words++;
            prevWordStart = s;
            prevWordEnd = e;
        }
        return p;
    }

    /** "SHA256:nThbg6k..." is a fingerprint or digest, not a credential. */
    private static boolean digestLabel(String t, int s, int e) {
        if (s < 0 || e - s > 8) {
            return false;
        }
        String w = t.substring(s, e).toLowerCase(java.util.Locale.ROOT);
        return w.startsWith("sha") || w.equals("md5") || w.startsWith("blake") || w.startsWith("xxh")
                || w.equals("crc32") || w.equals("murmur3");
    }

    private static boolean isTokenChar(char c) {
        return Chars.isAlnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '~' || c == '.' || c == '-';
    }

    /** Java class names, host names and absolute paths are long and mixed-case but not secrets. */
    private static boolean dotted(String t, int s, int e) {
        if (t.charAt(s) == '/') {
            return true;
        }
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == '.' && i + 1 < e && Chars.isLetter(t.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }
}
