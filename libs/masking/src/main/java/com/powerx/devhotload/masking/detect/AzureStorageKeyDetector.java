package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Locale;

/**
 * {@code azure-storage-key}: {@code AccountKey=} / {@code SharedAccessKey=} values of Azure connection strings, and
 * bare storage account (and Cosmos DB) keys anywhere: 64 random bytes in base64, exactly 86 characters plus
 * {@code ==}. Those are found from the {@code ==} padding; the same shape labelled as a digest or signature
 * ({@code sha512-…} lockfile integrity, {@code checksum}, {@code signature}) is left alone.
 */
public final class AzureStorageKeyDetector implements Detector {

    public static final String ID = "azure-storage-key";
    private static final List<String> KEYWORDS = List.of("accountkey", "sharedaccesskey");
    private static final int KEY_BODY = 86;
    private static final int LABEL_WINDOW = 40;
    private static final List<String> DIGEST_LABELS = List.of(
            "sha512", "sha-512", "sha3", "blake2", "integrity", "checksum", "digest", "hash", "signature", "sig=",
            "sig:", "pubkey", "public");

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return KEYWORDS;
    }

    @Override
    public boolean keywordGated() {
        return false;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return keywordHit || (ctx.length() >= KEY_BODY + 2 && ctx.text().indexOf("==") >= 0);
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = connectionStringKeys(t, hits, sink);
        for (int pad = t.indexOf("=="); pad >= 0; pad = t.indexOf("==", pad + 2)) {
            int s = pad - KEY_BODY;
            if (s >= resume && isBareKey(t, s, pad)) {
                sink.add(s, pad + 2, 0);
            }
        }
    }

    /** {@code AccountKey=…;} values; returns the end of the last one. */
    private static int connectionStringKeys(String t, HitList hits, MatchSink sink) {
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            int p = at + KEYWORDS.get(hits.keyword(h)).length();
            if (at < resume || p >= n || t.charAt(p) != '=') {
                continue;
            }
            int s = p + 1;
            int e = s;
            while (e < n && (Chars.isBase64(t.charAt(e)) || t.charAt(e) == '=')) {
                e++;
            }
            if (e - s >= 20) {
                sink.add(s, e, 0);
                resume = e;
            }
        }
        return resume;
    }

    private static boolean isBareKey(String t, int s, int pad) {
        int n = t.length();
        if (s < 0 || (pad + 2 < n && (Chars.isBase64(t.charAt(pad + 2)) || t.charAt(pad + 2) == '='))
                || (s > 0 && (Chars.isBase64(t.charAt(s - 1)) || t.charAt(s - 1) == '-'))) {
            return false;
        }
        for (int i = s; i < pad; i++) {
            if (!Chars.isBase64(t.charAt(i))) {
                return false;
            }
        }
        return !labelledAsDigest(t, s);
    }

    private static boolean labelledAsDigest(String t, int s) {
        String before = t.substring(Math.max(0, s - LABEL_WINDOW), s).toLowerCase(Locale.ROOT);
        for (String label : DIGEST_LABELS) {
            if (before.contains(label)) {
                return true;
            }
        }
        return false;
    }
}
