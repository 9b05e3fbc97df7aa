package com.powerx.devhotload.masking.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code base64-private-key}: PEM private keys that were base64-encoded once more, as Kubernetes stores them
 * ({@code tls.key: LS0tLS1CRUdJTi…}, kubeconfig {@code client-key-data}). The keyword is the base64 of
 * {@code "-----BEGIN "}; the run is decoded far enough to see {@code PRIVATE KEY}, so encoded certificates and public
 * keys stay readable.
 */
public final class Base64PrivateKeyDetector implements Detector {

    public static final String ID = "base64-private-key";
    /** base64("-----BEGIN "). */
    private static final String PREFIX = "LS0tLS1CRUdJTi";

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of(PREFIX.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int resume = 0;
        for (int h = 0; h < hits.size(); h++) {
            int at = hits.start(h);
            if (at < resume || !Chars.regionMatches(t, at, PREFIX)) {
                continue;
            }
            int e = at;
            while (e < t.length() && (Chars.isBase64(t.charAt(e)) || t.charAt(e) == '=')) {
                e++;
            }
            resume = e;
            if (e - at >= 64 && headerIsPrivateKey(t, at)) {
                sink.add(at, e, 0);
            }
        }
    }

    /** Decodes the first 64 characters (48 bytes: the whole BEGIN line) and looks for "PRIVATE KEY". */
    private static boolean headerIsPrivateKey(String t, int at) {
        try {
            byte[] head = Base64.getDecoder().decode(t.substring(at, at + 64));
            return new String(head, StandardCharsets.US_ASCII).contains("PRIVATE KEY");
        } catch (IllegalArgumentException paddedEarly) {
            return false;
        }
    }
}
