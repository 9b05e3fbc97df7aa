package com.powerx.devhotload.masking.detect;

import java.util.Base64;
import java.util.List;

/**
 * {@code discord-token}: Discord bot and user tokens, {@code <base64 user id>.<6-char timestamp>.<27–38-char HMAC>},
 * and legacy MFA tokens {@code mfa.<84 chars>}. Bot tokens have no literal prefix, so the scan starts from the dots
 * of the line (shared with other detectors by {@link ScanContext#dot}): two dots exactly seven characters apart
 * around six base64url characters are rare in ordinary text.
 */
public final class DiscordTokenDetector implements Detector {

    public static final String ID = "discord-token";
    /** Shortest bot token: 23 + 1 + 6 + 1 + 27 characters. */
    private static final int MIN_LENGTH = 58;

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public List<String> keywords() {
        return List.of("mfa.");
    }

    @Override
    public boolean keywordGated() {
        return false;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return keywordHit || (ctx.length() >= MIN_LENGTH && ctx.dotCount() >= 2);
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        for (int h = 0; h < hits.size(); h++) {
            mfaToken(t, hits.start(h), sink);
        }
        int resume = 0;
        // Two dots exactly seven apart frame the 6-character timestamp segment.
        for (int i = 0; i + 1 < ctx.dotCount(); i++) {
            int dot = ctx.dot(i);
            if (dot < resume || ctx.dot(i + 1) != dot + 7 || dot + 8 >= t.length() || !run(t, dot + 1, dot + 7)) {
                continue;
            }
            int end = botToken(t, dot);
            if (end > 0) {
                sink.add(segmentStart(t, dot), end, 0);
                resume = end;
            }
        }
    }

    /** End of the bot token whose first dot is at {@code dot}, or -1. */
    private static int botToken(String t, int dot) {
        int s = segmentStart(t, dot);
        int idLength = dot - s;
        char first = s < dot ? t.charAt(s) : 0;
        if (idLength < 23 || idLength > 27 || (first != 'M' && first != 'N' && first != 'O')
                || (s > 0 && (t.charAt(s - 1) == '.' || Chars.isBase64Url(t.charAt(s - 1))))) {
            return -1;
        }
        int hmacStart = dot + 8;
        int e = hmacStart;
        while (e < t.length() && Chars.isBase64Url(t.charAt(e))) {
            e++;
        }
        if (e - hmacStart < 27 || e - hmacStart > 38 || (e < t.length() && t.charAt(e) == '.')) {
            return -1;
        }
        return isUserId(t, s, dot) || randomLooking(t, s, dot, hmacStart, e) ? e : -1;
    }

    private static int segmentStart(String t, int dot) {
        int s = dot;
        while (s > 0 && dot - s <= 27 && Chars.isBase64Url(t.charAt(s - 1))) {
            s--;
        }
        return s;
    }

    /** The first segment is the base64 of the bot's numeric snowflake id. */
    private static boolean isUserId(String t, int s, int e) {
        try {
            byte[] id = Base64.getUrlDecoder().decode(t.substring(s, e));
            for (byte b : id) {
                if (b < '0' || b > '9') {
                    return false;
                }
            }
            return id.length >= 17;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Without a decodable id, both outer segments must mix letters of both cases and digits. */
    private static boolean randomLooking(String t, int s, int dot, int hmacStart, int e) {
        int need = Entropy.UPPER | Entropy.LOWER | Entropy.DIGIT;
        return (Entropy.classes(t, s, dot) & need) == need && (Entropy.classes(t, hmacStart, e) & need) == need;
    }

    private static void mfaToken(String t, int at, MatchSink sink) {
        if (!Chars.regionMatches(t, at, "mfa.") || (at > 0 && Chars.isBase64Url(t.charAt(at - 1)))) {
            return;
        }
        int e = at + 4;
        while (e < t.length() && Chars.isBase64Url(t.charAt(e))) {
            e++;
        }
        if (e - at - 4 >= 80 && e - at - 4 <= 100) {
            sink.add(at, e, 4);
        }
    }

    private static boolean run(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isBase64Url(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
