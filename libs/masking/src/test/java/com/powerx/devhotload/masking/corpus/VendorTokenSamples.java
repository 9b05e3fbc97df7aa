package com.powerx.devhotload.masking.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Seeded sample tokens written from each vendor's documented format (prefix, alphabet, length, structure), for the
 * secret classes of {@link SecretClassCorpus}. Random bodies, so no real credential is ever in the corpus.
 */
final class VendorTokenSamples {

    private static final String BECH32_UPPER = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    private static final String AZURE_SECRET = Tokens.ALNUM + "_~.-";

    private final Tokens t;

    VendorTokenSamples(Tokens t) {
        this.t = t;
    }

    /** Discord: base64 of the bot's snowflake id, a 6-character timestamp, a 27- or 38-character HMAC. */
    String discordBot() {
        String id = String.valueOf(t.between(1, 9)) + t.digits(t.between(16, 18));
        String head = Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.US_ASCII));
        return head + "." + t.base64Url(6) + "." + t.base64Url(t.pick(27, 38));
    }

    String discordMfa() {
        return "mfa." + t.base64Url(84);
    }

    /** Telegram: bot id, colon, 35 characters starting with "AA". */
    String telegramBot() {
        return t.between(1, 9) + t.digits(t.between(7, 9)) + ":AA" + t.base64Url(33);
    }

    String vault() {
        return switch (t.random().nextInt(4)) {
            case 0 -> "hvs.CAESI" + t.base64Url(t.between(86, 100));
            case 1 -> "hvs." + t.alnum(24);
            case 2 -> "hvb.AAAAAQ" + t.base64Url(t.between(140, 180));
            default -> "s." + t.alnum(24);
        };
    }

    String digitalOcean() {
        return t.pick("dop_v1_", "dop_v1_", "doo_v1_", "dor_v1_") + t.hex(64);
    }

    String twilioApiKey() {
        return "SK" + t.hex(32);
    }

    String herokuV2() {
        return "HRKU-AA" + t.base64Url(58);
    }

    String huggingFace() {
        String letters = t.chars(Tokens.LOWER, 2) + t.chars(Tokens.UPPER + Tokens.LOWER, 30) + t.chars(Tokens.UPPER, 2);
        return t.pick("hf_", "hf_", "hf_", "api_org_") + letters;
    }

    /** Entra ID client secret: three characters, version digit, "Q~", 34 more. */
    String azureAdSecret() {
        return t.chars(Tokens.ALNUM, 3) + t.between(7, 8) + "Q~" + t.mixed(AZURE_SECRET, 34);
    }

    String azureStorageKey() {
        return t.base64(86) + "==";
    }

    String shopify() {
        return t.pick("shpat_", "shpss_", "shpca_", "shppa_") + t.hex(32);
    }

    String atlassian() {
        return "ATATT3xFfGF0" + t.base64Url(170) + "=" + t.hex(8).toUpperCase();
    }

    String mailchimp() {
        return t.hex(32) + "-us" + t.between(1, 21);
    }

    String square() {
        return t.pick("EAAA" + t.base64Url(60), "sq0atp-" + t.base64Url(22), "sq0csp-" + t.base64Url(43));
    }

    String braintree() {
        return "access_token$" + t.pick("production", "sandbox") + "$" + t.chars(Tokens.LOWER + Tokens.DIGITS, 16)
                + "$" + t.hex(32);
    }

    String linear() {
        return "lin_api_" + t.alnum(40);
    }

    String notion() {
        return t.pick("secret_" + t.alnum(43), "ntn_" + t.digits(11) + t.alnum(35));
    }

    String postman() {
        return "PMAK-" + t.hex(24) + "-" + t.hex(34);
    }

    String doppler() {
        return t.pick("dp.pt." + t.alnum(43), "dp.st.prd." + t.alnum(40), "dp.ct." + t.alnum(43),
                "dp.sa." + t.alnum(43));
    }

    String pulumi() {
        return "pul-" + t.hex(40);
    }

    String databricks() {
        return "dapi" + t.hex(32) + t.pick("", "-2");
    }

    String grafana() {
        return t.pick("glsa_" + t.alnum(32) + "_" + t.hex(8), "glc_" + t.base64(100) + "==");
    }

    String newRelic() {
        return t.pick("NRAK-" + t.upperDigits(27), "NRJS-" + t.hex(19), "NRII-" + t.upperDigits(32));
    }

    String sentry() {
        return t.pick("sntryu_" + t.hex(64), "sntrys_eyJpYXQiOjE3" + t.base64(120) + "_" + t.base64(43));
    }

    String ageKey() {
        return "AGE-SECRET-KEY-1" + t.chars(BECH32_UPPER, 58);
    }

    String dropbox() {
        return "sl." + t.pick("", "u.") + t.base64Url(t.between(135, 160));
    }

    String firebaseFcm() {
        return "AAAA" + t.base64Url(7) + ":APA91b" + t.base64Url(134);
    }

    String flyio() {
        return t.pick("fo1_" + t.base64Url(43), "fm2_" + t.base64(180) + "=");
    }

    String supabase() {
        return "sbp_" + t.hex(40);
    }

    String terraformCloud() {
        return t.alnum(14) + ".atlasv1." + t.base64Url(67);
    }

    String alibaba() {
        return "LTAI" + t.alnum(20);
    }

    String tencent() {
        return "AKID" + t.alnum(32);
    }

    String googleOAuth() {
        return t.pick("ya29.a0" + t.base64Url(150), "GOCSPX-" + t.base64Url(28), "1//0" + t.pick("g", "4", "6", "9")
                + t.base64Url(100));
    }

    String dockerHub() {
        return "dckr_pat_" + t.base64Url(27);
    }

    String artifactory() {
        return t.pick("AKCp" + t.alnum(69), "cmVmdGtuOjAxOj" + t.alnum(50));
    }

    String nuget() {
        return "oy2" + t.chars(Tokens.LOWER + Tokens.DIGITS, 43);
    }

    String rubygems() {
        return "rubygems_" + t.hex(48);
    }

    String airtable() {
        return "pat" + t.alnum(14) + "." + t.hex(64);
    }

    String facebook() {
        return t.pick("EAAC", "EAAB", "EAAG", "EAAM") + t.alnum(t.between(150, 200));
    }

    String openshift() {
        return "sha256~" + t.base64Url(43);
    }

    String planetscale() {
        return t.pick("pscale_tkn_", "pscale_pw_", "pscale_oauth_") + t.base64Url(43);
    }

    String dynatrace() {
        return "dt0c01." + t.upperDigits(24) + "." + t.upperDigits(64);
    }

    String llm() {
        return t.pick("gsk_" + t.alnum(52), "r8_" + t.alnum(37), "pplx-" + t.alnum(48), "xai-" + t.alnum(80),
                "lsv2_pt_" + t.hex(32) + "_" + t.hex(10), "nvapi-" + t.base64Url(64));
    }

    String hubspot() {
        return t.pick("pat-na1-", "pat-eu1-") + t.uuid();
    }

    String contentful() {
        return "CFPAT-" + t.base64Url(43);
    }

    String clojars() {
        return "CLOJARS_" + t.alnum(60);
    }

    String sonarqube() {
        return t.pick("squ_", "sqp_", "sqa_") + t.hex(40);
    }

    /** The long tail: one generator per remaining catalogued vendor, keyed by rule id. */
    String longTail(String rule) {
        return switch (rule) {
            case "adafruit-key" -> "aio_" + t.alnum(28);
            case "adobe-client-secret" -> "p8e-" + t.alnum(32);
            case "buildkite-token" -> "bkua_" + t.hex(40);
            case "circleci-token" -> t.pick("CCIPAT_", "CCIPRJ_") + t.alnum(22) + "_" + t.hex(40);
            case "cloudflare-origin-ca-key" -> "v1.0-" + t.hex(24) + "-" + t.hex(146);
            case "duffel-token" -> t.pick("duffel_test_", "duffel_live_") + t.base64Url(43);
            case "easypost-token" -> t.pick("EZAK", "EZTK") + t.alnum(54);
            case "flutterwave-key" -> "FLWSECK_TEST-" + t.hex(32) + "-X";
            case "frameio-token" -> "fio-u-" + t.base64Url(64);
            case "harness-token" -> t.pick("pat.", "sat.") + t.base64Url(22) + "." + t.alnum(24) + "." + t.alnum(20);
            case "infracost-token" -> "ico-" + t.alnum(32);
            case "mapbox-secret-token" -> "sk.eyJ1IjoicHgtb3BzIiwiYSI6I" + t.base64Url(30) + "." + t.base64Url(22);
            case "netlify-token" -> "nfp_" + t.alnum(36);
            case "octopus-deploy-key" -> "API-" + t.upperDigits(12) + t.between(10, 99) + t.upperDigits(11) + "Q";
            case "onepassword-token" -> t.pick("ops_eyJzaWduSW5BZGRyZXNzIjoi" + t.base64(300) + "=", "A3-"
                    + t.upperDigits(5) + "7-" + t.upperDigits(6) + "-" + t.upperDigits(5) + "-" + t.upperDigits(5) + "-"
                    + t.upperDigits(4) + "Q-" + t.upperDigits(5));
            case "plaid-token" -> t.pick("access-sandbox-", "access-production-") + t.uuid();
            case "prefect-token" -> "pnu_" + t.alnum(36);
            case "readme-token" -> "rdme_" + t.chars(Tokens.LOWER + Tokens.DIGITS, 70);
            case "scalingo-token" -> "tk-us-" + t.base64Url(48);
            case "sendinblue-key" -> t.pick("xkeysib-", "xsmtpsib-") + t.hex(64) + "-" + t.alnum(16);
            case "shippo-token" -> t.pick("shippo_live_", "shippo_test_") + t.hex(40);
            case "twitter-bearer-token" -> "AAAAAAAAAAAAAAAAAAAAA" + t.alnum(10) + "AAAAAAA" + t.alnum(8) + "%2B"
                    + t.alnum(20) + "%3D" + t.alnum(40);
            case "typeform-token" -> "tfp_" + t.base64Url(44) + "_" + t.alnum(14);
            case "vercel-token" -> t.pick("vcp_", "vck_") + t.alnum(40);
            default -> throw new IllegalArgumentException("no sample for " + rule);
        };
    }

    static final java.util.List<String> LONG_TAIL = java.util.List.of("adafruit-key", "adobe-client-secret",
            "buildkite-token", "circleci-token", "cloudflare-origin-ca-key", "duffel-token", "easypost-token",
            "flutterwave-key", "frameio-token", "harness-token", "infracost-token", "mapbox-secret-token",
            "netlify-token", "octopus-deploy-key", "onepassword-token", "plaid-token", "prefect-token", "readme-token",
            "scalingo-token", "sendinblue-key", "shippo-token", "twitter-bearer-token", "typeform-token",
            "vercel-token");
}
