package com.powerx.devhotload.masking.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Seeded generators of realistic secrets, identifiers and personal data for the corpus. */
public final class Tokens {

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String B64 = ALNUM + "+/";
    static final String B64URL = ALNUM + "-_";
    static final String HEX = "0123456789abcdef";
    static final String PASSWORD_CHARS = ALNUM + "!@#$%^*()-_+=~.:[]{}|?/";

    private final Random r;

    public Tokens(long seed) {
        this.r = new Random(seed);
    }

    public Random random() {
        return r;
    }

    public int between(int lo, int hiInclusive) {
        return lo + r.nextInt(hiInclusive - lo + 1);
    }

    public <T> T pick(List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... items) {
        return items[r.nextInt(items.length)];
    }

    public String chars(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Random string over {@code alphabet} guaranteed to contain upper, lower and digit. */
    public String mixed(String alphabet, int n) {
        while (true) {
            String s = chars(alphabet, n);
            if (s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit)) {
                return s;
            }
        }
    }

    public String alnum(int n) {
        return mixed(ALNUM, n);
    }

    public String hex(int n) {
        return chars(HEX, n);
    }

    public String digits(int n) {
        return chars(DIGITS, n);
    }

    public String upperDigits(int n) {
        return chars(UPPER + DIGITS, n);
    }

    public String base64Url(int n) {
        return mixed(B64URL, n);
    }

    public String base64(int n) {
        return mixed(B64, n);
    }

    /** A human-chosen-looking password without spaces, quotes, '&', '<', '>' or backslashes. */
    public String password() {
        return switch (r.nextInt(5)) {
            case 0 -> pick("Summer", "Winter", "Dragon", "Monkey", "Sunshine", "Qwerty", "Shadow") + between(10, 2099)
                    + pick("!", "#", "$", "?", "", "@");
            case 1 -> chars(LOWER, between(4, 8)) + pick("_", "-", ".", "") + chars(DIGITS, between(2, 4))
                    + pick("X", "Q", "Z");
            case 2 -> mixed(PASSWORD_CHARS.replace(":", "").replace("/", "").replace("?", "").replace("@", "")
                    .replace("[", "").replace("]", "").replace("(", "").replace(")", "").replace("{", "").replace("}", "")
                    .replace("|", "").replace("=", "").replace(".", ""), between(10, 24));
            case 3 -> alnum(between(12, 32));
            default -> "p" + mixed(ALNUM + "!#%*-_+", between(12, 20));
        };
    }

    public String githubToken() {
        return switch (r.nextInt(6)) {
            case 0 -> "ghp_" + alnum(36);
            case 1 -> "gho_" + alnum(36);
            case 2 -> "ghu_" + alnum(36);
            case 3 -> "ghs_" + alnum(36);
            case 4 -> "ghr_" + alnum(36);
            default -> "github_pat_" + alnum(22) + "_" + alnum(59);
        };
    }

    public String gitlabToken() {
        return pick("glpat-", "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glimt-", "gloas-")
                + base64Url(20) + (r.nextBoolean() ? "" : "." + base64Url(8));
    }

    public String slackToken() {
        return switch (r.nextInt(4)) {
            case 0 -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + alnum(24);
            case 1 -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + hex(32);
            case 2 -> "xapp-1-A" + upperDigits(10) + "-" + digits(13) + "-" + hex(64);
            default -> "xoxe.xoxp-1-" + alnum(40);
        };
    }

    public String slackWebhookPath() {
        return "T" + upperDigits(8) + "/B" + upperDigits(10) + "/" + alnum(24);
    }

    public String stripeKey() {
        return pick("sk_live_", "sk_test_", "rk_live_", "rk_test_") + alnum(between(24, 99));
    }

    public String twilioSid() {
        return pick("AC", "SK") + hex(32);
    }

    public String sendgridKey() {
        return "SG." + base64Url(22) + "." + base64Url(43);
    }

    public String npmToken() {
        return "npm_" + alnum(36);
    }

    public String pypiToken() {
        return "pypi-AgEIcHlwaS5vcmc" + base64Url(between(60, 160));
    }

    public String openAiKey() {
        return switch (r.nextInt(4)) {
            case 0 -> "sk-proj-" + base64Url(between(48, 156));
            case 1 -> "sk-" + alnum(20) + "T3BlbkFJ" + alnum(20);
            case 2 -> "sk-svcacct-" + base64Url(between(48, 120));
            default -> "sk-admin-" + base64Url(between(48, 90));
        };
    }

    public String anthropicKey() {
        return "sk-ant-" + pick("api03-", "admin01-") + base64Url(93) + "AA";
    }

    public String awsAccessKeyId() {
        return pick("AKIA", "AKIA", "ASIA") + upperDigits(16);
    }

    public String awsSecretKey() {
        return base64(40);
    }

    public String gcpApiKey() {
        return "AIza" + base64Url(35);
    }

    public String azureStorageKey() {
        return base64(86) + "==";
    }

    public String azureSig() {
        return base64(43).replace("+", "%2B").replace("/", "%2F") + "%3D";
    }

    public String jwt() {
        String header = b64url(pick("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"kid\":\"" + hex(8) + "\"}",
                "{\"typ\":\"JWT\",\"alg\":\"ES256\"}"));
        String payload = b64url("{\"sub\":\"" + digits(10) + "\",\"name\":\"" + pick("Ada", "Linus", "Grace") + "\",\"iat\":"
                + (1700000000 + r.nextInt(50000000)) + ",\"scope\":\"" + pick("read", "admin write") + "\"}");
        return header + "." + payload + "." + base64Url(43);
    }

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public String basicCredential(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** PEM body lines (64 chars, last shorter), as a list. */
    public List<String> pemBody(int lines) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add("MII" + base64(61));
        for (int i = 1; i < lines - 1; i++) {
            out.add(base64(64));
        }
        out.add(base64(between(20, 60)) + pick("=", "==", ""));
        return out;
    }

    // --- personal data ---------------------------------------------------------------------------

    public String firstName() {
        return pick("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
                "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe", "jean-luc", "o.brien");
    }

    public String email() {
        String local = switch (r.nextInt(4)) {
            case 0 -> firstName();
            case 1 -> firstName() + "." + pick("smith", "jones", "garcia", "mueller", "rossi", "dupont");
            case 2 -> firstName() + "+" + pick("test", "alerts", "git") ;
            default -> firstName() + between(1, 999);
        };
        return local + "@" + pick("example.com", "mail.example.org", "corp.powerx.io", "gmail.com", "uni-bonn.de",
                "example.co.uk", "sub.domain.example.net");
    }

    /** A valid card number for a random network, formatted randomly. */
    public String card() {
        String prefix;
        int len;
        switch (r.nextInt(6)) {
            case 0 -> { prefix = "4"; len = 16; }
            case 1 -> { prefix = String.valueOf(between(51, 55)); len = 16; }
            case 2 -> { prefix = pick("34", "37"); len = 15; }
            case 3 -> { prefix = "6011"; len = 16; }
            case 4 -> { prefix = String.valueOf(between(2221, 2720)); len = 16; }
            default -> { prefix = "4"; len = 13; }
        }
        String body = prefix + digits(len - prefix.length() - 1);
        String number = body + luhnDigit(body);
        if (len == 13) {
            return number; // 13-digit Visa numbers are not printed in groups of four
        }
        return switch (r.nextInt(3)) {
            case 0 -> number;
            case 1 -> group(number, len == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4}, ' ');
            default -> group(number, len == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4}, '-');
        };
    }

    /** A 16-digit Visa-like number that fails Luhn. */
    public String nonLuhnCard() {
        String body = "4" + digits(14);
        int d = luhnDigit(body);
        return body + ((d + 1 + r.nextInt(8)) % 10);
    }

    static int luhnDigit(String body) {
        int sum = 0;
        boolean dbl = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    private static String group(String s, int[] sizes, char sep) {
        StringBuilder b = new StringBuilder();
        int p = 0;
        for (int i = 0; i < sizes.length && p < s.length(); i++) {
            if (i > 0) {
                b.append(sep);
            }
            int e = Math.min(s.length(), p + sizes[i]);
            b.append(s, p, e);
            p = e;
        }
        if (p < s.length()) {
            b.append(sep).append(s.substring(p));
        }
        return b.toString();
    }

    /** A valid IBAN for a random country, compact or grouped by four. */
    public String iban() {
        String[][] countries = {{"DE", "18n"}, {"GB", "4a14n"}, {"FR", "23n"}, {"NL", "4a10n"}, {"ES", "20n"},
            {"IT", "1a22n"}, {"BE", "12n"}, {"CH", "17n"}, {"AT", "16n"}, {"PL", "24n"}};
        String[] c = pick(countries);
        String spec = c[1];
        StringBuilder bban = new StringBuilder();
        for (String part : spec.split("(?<=[an])")) {
            int n = Integer.parseInt(part.substring(0, part.length() - 1));
            bban.append(part.endsWith("a") ? chars(UPPER, n) : digits(n));
        }
        String check = ibanCheck(c[0], bban.toString());
        String iban = c[0] + check + bban;
        if (r.nextBoolean()) {
            return iban;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return b.toString();
    }

    static String ibanCheck(String country, String bban) {
        String rearranged = bban + country + "00";
        int rem = 0;
        for (char ch : rearranged.toCharArray()) {
            if (Character.isDigit(ch)) {
                rem = (rem * 10 + (ch - '0')) % 97;
            } else {
                rem = (rem * 100 + (ch - 'A' + 10)) % 97;
            }
        }
        int check = 98 - rem;
        return check < 10 ? "0" + check : String.valueOf(check);
    }

    public String ssn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    public String nino() {
        String first = "ABCEGHJKLMNOPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = "" + first.charAt(r.nextInt(first.length())) + second.charAt(r.nextInt(second.length()));
        } while (List.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(prefix));
        String d = digits(6);
        char suffix = "ABCD".charAt(r.nextInt(4));
        return r.nextBoolean() ? prefix + d + suffix
                : prefix + " " + d.substring(0, 2) + " " + d.substring(2, 4) + " " + d.substring(4) + " " + suffix;
    }

    public String dni() {
        String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (r.nextInt(3) == 0) {
            int prefix = r.nextInt(3);
            int n = r.nextInt(10_000_000);
            long full = prefix * 10_000_000L + n;
            return "XYZ".charAt(prefix) + String.format("%07d", n) + letters.charAt((int) (full % 23));
        }
        int n = between(10_000_000, 99_999_999);
        return n + (r.nextBoolean() ? "" : "-") + letters.charAt(n % 23);
    }

    public String bsn() {
        while (true) {
            String d = digits(8);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (d.charAt(i) - '0') * (9 - i);
            }
            int last = sum % 11;
            if (last < 10 && d.charAt(0) != '0') {
                return d + last;
            }
        }
    }

    public String phone() {
        return switch (r.nextInt(9)) {
            case 0 -> "+1 " + between(201, 989) + " " + between(200, 999) + " " + digits(4);
            case 1 -> "+44 20 " + between(7000, 8999) + " " + digits(4);
            case 2 -> "+49 30 " + between(1000000, 99999999);
            case 3 -> "(" + between(201, 989) + ") " + between(200, 999) + "-" + digits(4);
            case 4 -> between(201, 989) + "-" + between(200, 999) + "-" + digits(4);
            case 5 -> "020 " + between(7000, 8999) + " " + digits(4);
            case 6 -> "06 " + between(10, 99) + " " + between(10, 99) + " " + between(10, 99) + " " + between(10, 99);
            case 7 -> "+33 6 " + between(10, 99) + " " + between(10, 99) + " " + between(10, 99) + " " + between(10, 99);
            default -> "+" + between(1, 9) + digits(between(9, 11));
        };
    }

    public String publicIpv4() {
        int a;
        do {
            a = between(1, 223);
        } while (a == 127);
        return a + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    public String ipv6() {
        return switch (r.nextInt(4)) {
            case 0 -> "2001:db8:" + hex(4) + ":" + hex(3) + "::" + hex(2) + "1";
            case 1 -> "fe80::" + hex(4) + ":" + hex(2) + "ff:fe" + hex(2) + ":" + hex(4);
            case 2 -> {
                StringBuilder b = new StringBuilder("2a0" + between(0, 9));
                for (int i = 0; i < 7; i++) {
                    b.append(':').append(Integer.toHexString(between(1, 0xffff)));
                }
                yield b.toString();
            }
            default -> "2001:db8::" + between(1, 9) + hex(3);
        };
    }

    public String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + pick("8", "9", "a", "b") + hex(3) + "-" + hex(12);
    }
}
