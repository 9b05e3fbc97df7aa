package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code generic-secret-kv}: values of secret-named keys in every common syntax, plus the few command-line
 * flags that carry passwords unambiguously ({@code mysql -pX}, {@code sshpass -p X}, {@code curl -u u:p}...).
 */
public final class GenericSecretKvDetector implements Detector {

    public static final String ID = "generic-secret-kv";

    private static final List<String> KEY_WORDS = List.of(
            "pass", "pwd", "secret", "token", "key", "credential", "creds", "session", "sid");
    private static final List<String> COMMANDS = List.of(
            "mysql", "mariadb", "sshpass", "redis-cli", "curl", "docker", "podman", "nerdctl", "helm", "openssl",
            "ldap");

    private final KeyClassifier classifier;
    private final List<String> keywords;
    private final int commandBase;

    /** Creates the detector; {@code extraKeys} are additional secret words from the rule file. */
    public GenericSecretKvDetector(Set<String> extraKeys) {
        this.classifier = new KeyClassifier(extraKeys);
        List<String> kws = new ArrayList<>(KEY_WORDS);
        for (String k : extraKeys) {
            kws.add(k.toLowerCase(Locale.ROOT));
        }
        this.commandBase = kws.size();
        kws.addAll(COMMANDS);
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
            if (kw >= commandBase) {
                CommandLineSecrets.scan(t, start, keywords.get(kw), sink);
                continue;
            }
            if (!kv.findKey(t, start, start + keywords.get(kw).length(), resume)) {
                resume = Math.max(resume, kv.tokenEnd);
                continue;
            }
            resume = kv.tokenEnd;
            if (isVariableReference(t, kv.keyStart - kv.dashes)) {
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

    /** {@code ${API_TOKEN:-default}}, {@code $PASSWORD}: a reference to a variable, not an assignment. */
    static boolean isVariableReference(String t, int tokenStart) {
        if (tokenStart == 0) {
            return false;
        }
        if (tokenStart >= 3 && Chars.regionMatches(t, tokenStart - 3, "://")) {
            return true; // user name of a URL: scheme://x-access-token:...@host is url-credentials' business
        }
        char b = t.charAt(tokenStart - 1);
        return b == '$' || (b == '{' && tokenStart > 1 && (t.charAt(tokenStart - 2) == '$' || t.charAt(tokenStart - 2) == '{'));
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
