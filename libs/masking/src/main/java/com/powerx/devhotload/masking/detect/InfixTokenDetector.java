package com.powerx.devhotload.masking.detect;

import java.util.List;
import java.util.Locale;

/**
 * Vendor tokens whose fixed literal sits inside the token rather than at its start: Terraform Cloud
 * ({@code <14>.atlasv1.<60-70>}), Firebase Cloud Messaging server keys ({@code AAAA<7>:APA91b<134>}) and Mailchimp
 * ({@code <32 hex>-us<dc>}). The keyword scan finds the literal; both sides are then checked against the format.
 */
public final class InfixTokenDetector implements Detector {

    /**
     * One format: the literal (case-sensitive) and the alphabet and length range on each side of it.
     *
     * @param infix the literal inside the token
     * @param left  alphabet before the literal
     * @param right alphabet after the literal
     */
    public record Format(String infix, TokenFormat.Alphabet left, int leftMin, int leftMax,
                         TokenFormat.Alphabet right, int rightMin, int rightMax) {
    }

    private final String ruleId;
    private final List<Format> formats;
    private final List<String> keywords;

    /** A detector for {@code ruleId} accepting any of {@code formats}. */
    public InfixTokenDetector(String ruleId, List<Format> formats) {
        this.ruleId = ruleId;
        this.formats = List.copyOf(formats);
        this.keywords = formats.stream().map(f -> f.infix().toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public List<String> keywords() {
        return keywords;
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        for (int h = 0; h < hits.size(); h++) {
            Format f = formats.get(hits.keyword(h));
            int at = hits.start(h);
            if (!Chars.regionMatches(t, at, f.infix())) {
                continue;
            }
            int s = sideStart(t, at, f);
            int e = sideEnd(t, at + f.infix().length(), f);
            if (s >= 0 && e >= 0) {
                sink.add(s, e, 0);
            }
        }
    }

    private static int sideStart(String t, int at, Format f) {
        int s = at;
        while (s > 0 && at - s <= f.leftMax() && f.left().accepts(t.charAt(s - 1))) {
            s--;
        }
        boolean bounded = s == 0 || !Chars.isBase64Url(t.charAt(s - 1));
        return bounded && at - s >= f.leftMin() && at - s <= f.leftMax() ? s : -1;
    }

    private static int sideEnd(String t, int p, Format f) {
        int e = p;
        while (e < t.length() && e - p <= f.rightMax() && f.right().accepts(t.charAt(e))) {
            e++;
        }
        boolean bounded = e >= t.length() || !Chars.isBase64Url(t.charAt(e));
        return bounded && e - p >= f.rightMin() && e - p <= f.rightMax() ? e : -1;
    }
}
