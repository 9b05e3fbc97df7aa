package com.powerx.devhotload.masking.detect;

/** {@code iban}: IBANs with a known country length and a valid ISO 13616 mod-97 check, compact or grouped. */
public final class IbanDetector implements ShapeDetector {

    public static final String ID = "iban";
    private static final int[] LENGTH_BY_CODE = new int[26 * 26];

    static {
        String spec = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28"
                + " EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26"
                + " IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18"
                + " NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24"
                + " TR26 UA29 VA22 VG24 XK20";
        for (String e : spec.split(" ")) {
            LENGTH_BY_CODE[(e.charAt(0) - 'A') * 26 + (e.charAt(1) - 'A')] = Integer.parseInt(e.substring(2));
        }
    }

    @Override
    public String ruleId() {
        return ID;
    }

    @Override
    public boolean mayMatch(ScanContext ctx, boolean keywordHit) {
        return ctx.digitCount() >= 8 && ctx.ibanShaped();
    }

    @Override
    public void scan(ScanContext ctx, HitList hits, MatchSink sink) {
        String t = ctx.text();
        int n = t.length();
        int resume = 0;
        for (int r = 0; r < ctx.digitRunCount(); r++) {
            int s = ctx.digitRunStart(r);
            int cc = s - 2;
            if (cc < resume || ctx.digitRunEnd(r) - s < 2 || !Chars.isUpper(t.charAt(cc))
                    || !Chars.isUpper(t.charAt(cc + 1)) || (cc > 0 && Chars.isAlnum(t.charAt(cc - 1)))) {
                continue;
            }
            int len = LENGTH_BY_CODE[(t.charAt(cc) - 'A') * 26 + (t.charAt(cc + 1) - 'A')];
            if (len == 0) {
                continue;
            }
            int count = 0;
            int i = cc;
            while (i < n && count < len) {
                char c = t.charAt(i);
                if (Chars.isUpper(c) || Chars.isDigit(c)) {
                    count++;
                    i++;
                } else if (c == ' ' && count >= 4 && i + 1 < n && Chars.isAlnum(t.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (count != len || (i < n && Chars.isAlnum(t.charAt(i)))) {
                continue;
            }
            if (Checksums.ibanMod97(t, cc, i)) {
                sink.add(cc, i, 0);
                resume = i;
            }
        }
    }
}
