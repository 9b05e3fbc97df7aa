package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The verifier's tripwires scan only windows around their literals: whatever a scan of the whole text finds, the
 * windows find too — secrets at the very start and end of a text, a literal far into its match (a 2,000-character
 * JWT header, a 30-character URL scheme, a PEM header with a long label), and secrets packed next to each other.
 */
class TripwireWindowsTest {

    private static final String FILLER = "ordinary line, nothing secret: GET /api/v1/orders 200 in 12 ms; ".repeat(80);
    private static final List<String> SECRETS = List.of(
            "-----BEGIN ENCRYPTED RSA LONG LABEL 0123456789 PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n"
                    + "MIIEowIBAAKCAQEAx1y2z3abcdefghijklmnop",
            "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
            "AKIAQZ7K3M2X9W4P8R5T",
            "eyJ" + "a".repeat(1990) + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
            "xoxb-1234567890-abcdefghij",
            "sk_live_" + "Ab1".repeat(8),
            "glpat-" + "x".repeat(20),
            "sk-ant-" + "k".repeat(30),
            "hooks.slack.com/services/T0ABCDEF/B0ABCDEF/xyz",
            "a234567890123456789012345678x+y://alice:s3cretPass@example.com/path",
            "mongodb+srv://app:Sup3rSecret@cluster0.example.net/db",
            "postgres://orders_app:" + "p".repeat(120) + "@db.internal:5432/orders",
            "hvs." + "V".repeat(26),
            "dop_v1_" + "a".repeat(64),
            "1234567890:A" + "b".repeat(33));

    @Test
    void windowsFindWhatAWholeTextScanFinds() {
        List<Tripwires.Tripwire> tripwires = Tripwires.forRules(MaskingEngine.builtInRuleIds());
        List<String> texts = new ArrayList<>();
        for (String secret : SECRETS) {
            texts.add(secret);
            texts.add(secret + FILLER);
            texts.add(FILLER + secret);
            texts.add(FILLER + secret + FILLER);
        }
        texts.add(String.join(" ", SECRETS));
        texts.add(FILLER + String.join("\n", SECRETS) + FILLER);
        int found = 0;
        for (String text : texts) {
            for (Tripwires.Tripwire tw : tripwires) {
                List<String> whole = matches(tw.pattern().matcher(text));
                List<String> windowed = new ArrayList<>();
                for (int[] w : tw.windows(text)) {
                    windowed.addAll(matches(tw.pattern().matcher(text).region(w[0], w[1])
                            .useTransparentBounds(true).useAnchoringBounds(false)));
                }
                assertThat(windowed).as(tw.ruleId() + " in a text of " + text.length()).isEqualTo(whole);
                found += whole.size();
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(SECRETS.size() * 4);
        for (String secret : SECRETS) {
            assertThat(tripwires).as("a tripwire for " + secret.substring(0, 12))
                    .anyMatch(tw -> tw.pattern().matcher(secret).find());
        }
    }

    private static List<String> matches(Matcher m) {
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.start() + "-" + m.end());
        }
        return out;
    }
}
