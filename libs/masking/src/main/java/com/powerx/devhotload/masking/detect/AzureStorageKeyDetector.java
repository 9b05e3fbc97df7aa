package com.powerx.devhotload.masking.detect;

import java.util.List;

/**
 * {@code azure-storage-key}: {@code AccountKey=} / {@code SharedAccessKey=} values of Azure connection strings,
 * and bare 88-character storage account keys when the text mentions Azure or storage.
 */
public final class AzureStorageKeyDetector implements Detector {

    public static final String ID = "azure-storage-key";
    private static final List<String> KEYWORDS = List.of(
            "accountkey", "sharedaccesskey", "azure", "storage", "account_key", "account-key");

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
        int n = t.length();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int kw = hits.keyword(h);
            int at = hits.start(h);
            if (at < resume || kw > 1) {
                continue;
            }
            int p = at + KEYWORDS.get(kw).length();
            if (p >= n || t.charAt(p) != '=') {
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
        // Bare account keys: 64 random bytes in base64 = 86 characters plus "==".
        int i = 0;
        while (i < n) {
            if (!Chars.isBase64(t.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && Chars.isBase64(t.charAt(i))) {
                i++;
            }
            if (i - s == 86 && i + 1 < n && t.charAt(i) == '=' && t.charAt(i + 1) == '='
                    && (i + 2 >= n || !Chars.isBase64(t.charAt(i + 2))) && s >= resume
                    && !(s >= 7 && Chars.regionMatches(t, s - 7, "sha512-")) && (s == 0 || t.charAt(s - 1) != '-')) {
                sink.add(s, i + 2, 0);
            }
        }
    }
}
