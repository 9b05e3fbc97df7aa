package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code generic-secret-kv}: values of secret-named keys in every common syntax. Passwords that command-line tools
 * take by flag or position are {@link CliPasswordDetector}'s.
 */
public final class GenericSecretKvDetector implements Detector {

    public static final String ID = "generic-secret-kv";

    /** Keyword hits locate the key; "pw" is too short for a keyword alone, so it comes with what follows it. */
    private static final List<String> KEY_WORDS = List.of(
            "pass", "pwd", "secret", "token", "key", "credential", "creds", "session", "sid", "pw=", "pw:", "pw\"",
            "pw ", "kennwort", "contrasen", "senha", "wachtwoord", "salasana", "lozinka", "heslo", "haslo", "jelszo",
            "sifre", "losenord", "adgangskode");

    private final KeyClassifier classifier;
    private final List<String> keywords;

    /** Creates the detector; {@code extraKeys} are additional secret words from the rule file. */
    public GenericSecretKvDetector(Set<String> extraKeys) {
        this.classifier = new KeyClassifier(extraKeys);
        List<String> kws = new ArrayList<>(KEY_WORDS);
        for (String k : extraKeys) {
            kws.add(k.toLowerCase(Locale.ROOT));
        }
        this.keywords = List.copyOf(kws);
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return keywords;
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
            int kw = hits.keyword(h);
            if (!kv.findKey(t, start, start + keyLength(keywords.get(kw)), resume)) {
                resume = Math.max(resume, kv.tokenEnd);
                continue;
            }
            resume = kv.tokenEnd;
            if (isVariableReference(t, kv.keyStart - kv.dashes, kv.keyEnd)) {
                continue;
            }
            KeyStrength ks = classifier.classify(t, kv.keyStart, kv.keyEnd);
            if (ks != KeyStrength.STRONG && ks != KeyStrength.SESSION) {
                continue;
            }
            if (!kv.parseValue(t) && !kv.parseNameValue(t)) {
                continue;
            }
            if (acceptable(t, ks, kv)) {
                sink.add(kv.valueStart, kv.valueEnd, 0);
            }
            resume = Math.max(resume, kv.valueEnd);
        }
    }

    /** Length of the key-name part of a keyword ("pw" of "pw="). */
    private static int keyLength(String keyword) {
        int n = keyword.length();
        while (n > 1 && !Chars.isKeyChar(keyword.charAt(n - 1))) {
            n--;
        }
        return n;
    }

    /**
     * {@code ${API_TOKEN:-default}}, {@code $PASSWORD}: a reference to a variable, not an assignment. PHP, Perl and
     * PowerShell assignments ({@code $password = "x"}) are assignments.
     */
    static boolean isVariableReference(String t, int tokenStart, int keyEnd) {
        if (tokenStart == 0) {
            return false;
        }
        if (tokenStart >= 3 && Chars.regionMatches(t, tokenStart - 3, "://")) {
            return true; // user name of a URL: scheme://x-access-token:...@host is url-credentials' business
        }
        char b = t.charAt(tokenStart - 1);
        if (b == '$') {
            return !isAssignment(t, keyEnd);
        }
        return b == '{' && tokenStart > 1 && (t.charAt(tokenStart - 2) == '$' || t.charAt(tokenStart - 2) == '{');
    }

    /** {@code = value} (not {@code ==}) after the key. */
    private static boolean isAssignment(String t, int p) {
        p = KeyValueScanner.skipBlanks(t, p);
        return p + 1 < t.length() && t.charAt(p) == '=' && t.charAt(p + 1) != '=';
    }

    /** Shared with the structured maskers: is this value, under a key of this strength, a secret? */
    public static boolean acceptable(String t, KeyStrength ks, KeyValueScanner kv) {
        int s = kv.valueStart;
        int e = kv.valueEnd;
        if (NonSecretValues.isNonSecret(t, s, e)) {
            return false;
        }
        boolean digitsOnly = true;
        for (int i = s; i < e && digitsOnly; i++) {
            digitsOnly = Chars.isDigit(t.charAt(i));
        }
        if (ks == KeyStrength.SESSION && (e - s < 8 || digitsOnly)) {
            return false;
        }
        int keyLen = kv.keyEnd - kv.keyStart;
        if (keyLen == 4 && Chars.regionMatchesLower(t, kv.keyStart, "pass") && digitsOnly) {
            return false; // test summaries: "pass=12 fail=0"
        }
        boolean pwdKey = (keyLen == 3 && Chars.regionMatchesLower(t, kv.keyStart, "pwd"))
                || (keyLen == 6 && Chars.regionMatchesLower(t, kv.keyStart, "oldpwd"));
        return !(pwdKey && (t.charAt(s) == '/' || t.charAt(s) == '~'));
    }
}
