package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code k8s-secret-data}: every value under {@code data:} and {@code stringData:} of a Kubernetes {@code Secret},
 * whatever its key is called ({@code .dockerconfigjson}, {@code config.json}, {@code username}). Found from the
 * {@code kind: Secret} line, in YAML (kubectl prints {@code data} before {@code kind}, so the whole YAML document is
 * searched) and in JSON ({@code "kind": "Secret"}, compact or pretty).
 */
public final class K8sSecretDataDetector implements Detector {

    public static final String ID = "k8s-secret-data";
    private static final int MAX_DOCUMENT = 256 * 1024;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("secret");
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int done = -1;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at <= done || !isKindSecret(t, at)) {
                continue;
            }
            int from = documentStart(t, at);
            int to = documentEnd(t, at);
            if (to - from <= MAX_DOCUMENT) {
                K8sSecretValues.mask(t, from, to, sink);
            }
            done = to;
        }
    }

    /** {@code kind: Secret}, {@code kind: "Secret"}, {@code "kind":"Secret"} with the keyword hit on "Secret". */
    private static boolean isKindSecret(String t, int at) {
        if (!Chars.regionMatches(t, at, "Secret") || (at + 6 < t.length() && Chars.isWord(t.charAt(at + 6)))) {
            return false;
        }
        int p = at - 1;
        int limit = Math.max(0, at - 12);
        while (p >= limit && (t.charAt(p) == '"' || t.charAt(p) == '\'' || Chars.isBlank(t.charAt(p)))) {
            p--;
        }
        if (p < limit || t.charAt(p) != ':') {
            return false;
        }
        p--;
        if (p >= 0 && t.charAt(p) == '"') {
            p--;
        }
        return p >= 3 && Chars.regionMatches(t, p - 3, "kind") && (p == 3 || !Chars.isWord(t.charAt(p - 4)));
    }

    /** Start of the YAML document around {@code at}: after the previous {@code ---} line, or 0. */
    private static int documentStart(String t, int at) {
        int sep = t.lastIndexOf("\n---", at);
        return sep < 0 ? 0 : sep + 4;
    }

    private static int documentEnd(String t, int at) {
        int sep = t.indexOf("\n---", at);
        return sep < 0 ? t.length() : sep;
    }
}
