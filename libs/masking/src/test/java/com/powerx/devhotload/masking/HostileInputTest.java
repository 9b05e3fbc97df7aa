package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Adversarial 1 MiB inputs finish in linear time; garbage bytes never throw. */
class HostileInputTest {

    private static final int MIB = 1 << 20;
    private static final double LIMIT_SECONDS = 5.0;
    private final MaskingEngine engine = MaskingEngine.withDefaultRules();

    private static String repeat(String unit) {
        StringBuilder b = new StringBuilder(MIB + unit.length());
        while (b.length() < MIB) {
            b.append(unit);
        }
        return b.substring(0, MIB);
    }

    private static Map<String, Supplier<String>> inputs() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        m.put("a*1M", () -> repeat("a"));
        m.put("=*1M", () -> repeat("="));
        m.put("password= repeated", () -> repeat("password="));
        m.put("password: repeated", () -> repeat("password: "));
        m.put("key=value repeated", () -> repeat("key=AbC9dEf8GhI7jKl6MnO5 "));
        m.put("long base64", () -> {
            Random r = new Random(1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            StringBuilder b = new StringBuilder(MIB);
            for (int i = 0; i < MIB; i++) {
                b.append(alphabet.charAt(r.nextInt(64)));
            }
            return b.toString();
        });
        m.put("digits*1M", () -> repeat("7"));
        m.put("digit groups", () -> repeat("4111 "));
        m.put("@ and . *1M", () -> repeat("@."));
        m.put("emails glued", () -> repeat("a@b.co"));
        m.put("colons", () -> repeat(":"));
        m.put("hex colons", () -> repeat("ab:"));
        m.put("dots and digits", () -> repeat("1."));
        m.put("PEM BEGIN repeated", () -> repeat("-----BEGIN RSA PRIVATE KEY-----\n"));
        m.put("eyJ repeated", () -> repeat("eyJ"));
        m.put("jwt dots", () -> repeat("eyJhbGciOiJIUzI1NiJ9."));
        m.put(":// repeated", () -> repeat("://"));
        m.put("url userinfo", () -> repeat("https://u:p@"));
        m.put("Authorization repeated", () -> repeat("Authorization: "));
        m.put("cookie pairs", () -> "Cookie: " + repeat("a=b;"));
        m.put("quotes", () -> repeat("\"password\":\""));
        m.put("backslashes", () -> repeat("\\"));
        m.put("spaces", () -> repeat(" "));
        m.put("newlines", () -> repeat("\n"));
        m.put("token words", () -> repeat("token "));
        m.put("AKIA repeated", () -> repeat("AKIA"));
        m.put("sk- repeated", () -> repeat("sk-"));
        m.put("Server=;Password=", () -> repeat("Server=x;Password=y;"));
        m.put("brackets", () -> repeat("password: ["));
        m.put("yaml block", () -> "key: |\n" + repeat("  x\n"));
        m.put("discord dots", () -> repeat("MTA0NTE2NzI4OTgxMjM0NTY3OA.abcdef."));
        m.put("vault s. repeated", () -> repeat(" s.Ab12Cd34Ef56Gh78Ij90Kl1"));
        m.put("Q~ repeated", () -> repeat("ab8Q~"));
        m.put("== repeated", () -> repeat("=="));
        m.put("telegram ids", () -> repeat("12345:A"));
        m.put("percent escapes", () -> repeat("%41"));
        m.put("json escapes", () -> repeat("\\u0041\\/"));
        m.put("html entities", () -> repeat("&#64;&quot;"));
        m.put("netrc machine", () -> repeat("machine h.x login u password "));
        m.put("sshpass repeated", () -> repeat("sshpass -p "));
        m.put("pass flags", () -> repeat(" --dbpass "));
        m.put("kind: Secret data", () -> "kind: Secret\ndata:\n" + repeat("  k: v\n"));
        return m;
    }

    @Test
    void adversarialMegabyteInputsAreLinear() {
        for (Map.Entry<String, Supplier<String>> e : inputs().entrySet()) {
            String input = e.getValue().get();
            long t0 = System.nanoTime();
            MaskResult r = engine.mask(input);
            double maskSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            engine.verifier().findings(r.text());
            double verifySeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("hostile %-24s mask %.3f s, verify %.3f s%n", e.getKey(), maskSeconds, verifySeconds);
            assertThat(maskSeconds).as("mask " + e.getKey()).isLessThan(LIMIT_SECONDS);
            assertThat(verifySeconds).as("verify " + e.getKey()).isLessThan(LIMIT_SECONDS);
        }
    }

    @Test
    void structuredMaskersSurviveHostileDocuments() {
        String deepJson = "[".repeat(100_000) + "]".repeat(100_000);
        String billionLaughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\npassword: hunter2\n";
        for (String doc : new String[] {deepJson, billionLaughs, repeat("{\"a\":"), repeat("- ")}) {
            long t0 = System.nanoTime();
            MaskResult j = engine.maskJson(doc);
            MaskResult y = engine.maskYaml(doc);
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(LIMIT_SECONDS);
            assertThat(j.text()).isNotNull();
            assertThat(y.text()).doesNotContain("hunter2");
        }
    }

    @Test
    void megabyteLineKeepsSecretsAtBothEndsMasked() {
        String gh = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
        String line = "password=hunter2 " + "x".repeat(MIB - 100) + " token=" + gh;
        MaskResult r = engine.mask(line);
        assertThat(r.text()).doesNotContain("hunter2").doesNotContain(gh);
        assertThat(r.redactions()).isEqualTo(2);
    }

    @Test
    void invalidUtf8AndBinaryGarbageNeverThrow() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[r.nextInt(4096)];
            r.nextBytes(garbage);
            MaskResult res = engine.mask(garbage);
            assertThat(res.text()).isNotNull();
            engine.verifier().findings(res.text());
        }
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xF0, (byte) 0x9F, 'p', 'w', 'd', '=', 'x', 'y', 'z', '1'};
        assertThat(engine.mask(invalid).text()).contains("\uFFFD").contains("pwd=****");
        assertThat(engine.mask((byte[]) null).text()).isEmpty();
        byte[] utf8 = "token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 ✓".getBytes(StandardCharsets.UTF_8);
        assertThat(engine.mask(utf8).text()).isEqualTo("token=ghp_**** ✓");
        byte[] nuls = new byte[1024];
        assertThat(engine.mask(nuls).text()).hasSize(1024);
    }

    @Test
    void surrogatesAndControlCharactersAreSafe() {
        String text = "user=😀 password=p😀ss\u0000word \uD800 token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
        MaskResult r = engine.mask(text);
        assertThat(r.text()).doesNotContain("aBcDeFgH").contains("😀");
        assertThat(engine.maskJson("{\"password\":\"p😀\",\"x\":\"\\ud83d\\ude00\"}").text()).doesNotContain("p😀");
        assertThat(engine.maskYaml("emoji: 😀\npassword: p😀ss\n").text()).doesNotContain("p😀ss").contains("emoji: 😀");
    }
}
