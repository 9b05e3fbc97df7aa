package com.powerx.devhotload.masking.detect;

import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM_DASH;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM_DOLLAR;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM_UNDERSCORE;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64URL;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64URL_DOT;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64_ANY;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.HEX;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.HEX_DASH;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.LOWER_DIGIT;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.TOKEN68;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.UPPER_DIGIT;
import static com.powerx.devhotload.masking.detect.TokenFormat.MIXED;
import static com.powerx.devhotload.masking.detect.TokenFormat.MIXED_CASE;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of vendor tokens that a documented public prefix identifies on its own, one rule id per vendor.
 * Prefixes, alphabets and lengths follow each vendor's published token format; where a format is loosely
 * documented the length range is wider and the body must look random ({@link TokenFormat#MIXED}).
 */
public final class VendorTokens {

    /** One rule: its id and the token formats it accepts. */
    public record Vendor(String ruleId, List<TokenFormat> formats) {
    }

    private static final int UPPER_AND_DIGIT = Entropy.UPPER | Entropy.DIGIT;

    private VendorTokens() {
    }

    /** Every catalogued vendor, in the order of the bundled rule file. */
    public static List<Vendor> all() {
        List<Vendor> v = new ArrayList<>();
        cloud(v);
        developerTools(v);
        saas(v);
        payments(v);
        aiPlatforms(v);
        return List.copyOf(v);
    }

    private static void cloud(List<Vendor> v) {
        v.add(vendor("digitalocean-token", of("dop_v1_", HEX, 64, 64), of("doo_v1_", HEX, 64, 64),
                of("dor_v1_", HEX, 64, 64)));
        v.add(vendor("alibaba-access-key", of("LTAI", ALNUM, 12, 24)));
        v.add(vendor("tencent-secret-id", of("AKID", ALNUM, 32, 36)));
        v.add(vendor("google-oauth-token", of("ya29.", BASE64URL_DOT, 30, 2048), of("GOCSPX-", BASE64URL, 28, 28),
                of("1//0", BASE64URL, 40, 512)));
        v.add(vendor("flyio-token", of("fo1_", BASE64URL, 43, 43), of("fm1a_", BASE64_ANY, 64, 4096),
                of("fm1r_", BASE64_ANY, 64, 4096), of("fm2_", BASE64_ANY, 64, 4096)));
        v.add(vendor("supabase-token", of("sbp_", HEX, 40, 40), of("sb_secret_", BASE64URL, 20, 64)));
        v.add(vendor("vercel-token", of("vcp_", ALNUM, 24, 80), of("vci_", ALNUM, 24, 80), of("vca_", ALNUM, 24, 80),
                of("vcr_", ALNUM, 24, 80), of("vck_", ALNUM, 24, 80)));
        v.add(vendor("netlify-token", of("nfp_", ALNUM, 36, 40)));
        v.add(vendor("pulumi-token", of("pul-", HEX, 40, 40)));
        v.add(vendor("doppler-token", of("dp.st.", BASE64URL_DOT, 40, 96), of("dp.ct.", ALNUM, 40, 48),
                of("dp.pt.", ALNUM, 40, 48), of("dp.sa.", ALNUM, 40, 48), of("dp.scim.", ALNUM, 40, 48),
                of("dp.audit.", ALNUM, 40, 48)));
        // "dapi<32 hex>-2": the optional suffix belongs to the token when present.
        v.add(vendor("databricks-token", of("dapi", HEX_DASH, 34, 34), of("dapi", HEX, 32, 32)));
        v.add(vendor("openshift-token", of("sha256~", BASE64URL, 43, 43)));
        v.add(vendor("dynatrace-token", of("dt0c01.", BASE64URL_DOT, 80, 100)));
        v.add(vendor("cloudflare-origin-ca-key", of("v1.0-", HEX_DASH, 171, 171)));
        v.add(vendor("dropbox-token", of("sl.", TOKEN68, 100, 2048)));
    }

    private static void developerTools(List<Vendor> v) {
        v.add(vendor("dockerhub-token", of("dckr_pat_", BASE64URL, 27, 48), of("dckr_oat_", BASE64URL, 27, 48)));
        v.add(vendor("artifactory-token", of("AKCp", ALNUM, 60, 80), of("cmVmd", ALNUM, 59, 59)));
        v.add(vendor("nuget-key", of("oy2", LOWER_DIGIT, 43, 43)));
        v.add(vendor("rubygems-token", of("rubygems_", HEX, 48, 48)));
        v.add(vendor("clojars-token", of("CLOJARS_", ALNUM, 60, 60)));
        v.add(vendor("sonarqube-token", of("squ_", HEX, 40, 40), of("sqp_", HEX, 40, 40), of("sqa_", HEX, 40, 40)));
        v.add(vendor("buildkite-token", of("bkua_", HEX, 40, 40)));
        v.add(vendor("circleci-token", of("CCIPAT_", BASE64URL, 40, 80), of("CCIPRJ_", BASE64URL, 40, 80)));
        v.add(vendor("grafana-token", of("glc_", BASE64_ANY, 32, 400), of("glsa_", ALNUM_UNDERSCORE, 41, 41),
                of("eyJrIjoi", BASE64_ANY, 70, 400)));
        v.add(vendor("newrelic-key", of("NRAK-", ALNUM, 27, 27), of("NRAA-", ALNUM, 27, 27),
                of("NRII-", ALNUM_DASH, 32, 32), of("NRJS-", HEX, 19, 19)));
        v.add(vendor("sentry-token", of("sntrys_", BASE64_ANY, 60, 600), of("sntryu_", HEX, 64, 64)));
        v.add(vendor("postman-api-key", of("PMAK-", HEX_DASH, 59, 59)));
        v.add(vendor("linear-api-key", of("lin_api_", ALNUM, 40, 40), of("lin_oauth_", HEX, 64, 64)));
        v.add(vendor("harness-token", of("pat.", BASE64URL_DOT, 60, 80), of("sat.", BASE64URL_DOT, 60, 80)));
        v.add(vendor("octopus-deploy-key", of("API-", UPPER_DIGIT, 26, 26, UPPER_AND_DIGIT)));
        v.add(vendor("age-secret-key", of("AGE-SECRET-KEY-1", UPPER_DIGIT, 58, 58)));
        v.add(vendor("onepassword-token", of("ops_eyJ", BASE64_ANY, 250, 4096),
                of("A3-", ALNUM_DASH, 34, 40, UPPER_AND_DIGIT)));
        v.add(vendor("infracost-token", of("ico-", ALNUM, 32, 32)));
        v.add(vendor("scalingo-token", of("tk-us-", BASE64URL, 48, 48)));
        v.add(vendor("readme-token", of("rdme_", LOWER_DIGIT, 70, 70)));
        v.add(vendor("prefect-token", of("pnu_", ALNUM, 36, 36)));
        v.add(vendor("frameio-token", of("fio-u-", BASE64_ANY, 64, 64)));
        v.add(vendor("adobe-client-secret", of("p8e-", ALNUM, 32, 32)));
    }

    private static void saas(List<Vendor> v) {
        v.add(vendor("huggingface-token", of("hf_", ALNUM, 30, 64, MIXED_CASE), of("api_org_", ALNUM, 30, 64, MIXED_CASE)));
        v.add(vendor("shopify-token", of("shpat_", HEX, 32, 32), of("shpss_", HEX, 32, 32), of("shpca_", HEX, 32, 32),
                of("shppa_", HEX, 32, 32)));
        v.add(vendor("atlassian-token", of("ATATT3", BASE64_ANY, 100, 400), of("ATCTT3", BASE64_ANY, 100, 400),
                of("ATBB", ALNUM, 28, 64, MIXED)));
        v.add(vendor("notion-token", of("secret_", ALNUM, 43, 43, MIXED), of("ntn_", ALNUM, 40, 50)));
        v.add(vendor("contentful-token", of("CFPAT-", BASE64URL, 43, 43)));
        v.add(vendor("adafruit-key", of("aio_", ALNUM, 28, 28)));
        v.add(vendor("planetscale-token", of("pscale_tkn_", TOKEN68, 32, 64), of("pscale_pw_", TOKEN68, 32, 64),
                of("pscale_oauth_", TOKEN68, 32, 64)));
        v.add(vendor("hubspot-token", of("pat-na1-", HEX_DASH, 36, 36), of("pat-na2-", HEX_DASH, 36, 36),
                of("pat-eu1-", HEX_DASH, 36, 36), of("pat-ap1-", HEX_DASH, 36, 36)));
        v.add(vendor("sendinblue-key", of("xkeysib-", ALNUM_DASH, 81, 81), of("xsmtpsib-", ALNUM_DASH, 81, 81)));
        v.add(vendor("mapbox-secret-token", of("sk.eyJ", BASE64URL_DOT, 60, 400)));
        v.add(vendor("typeform-token", of("tfp_", BASE64URL, 40, 70)));
        v.add(vendor("easypost-token", of("EZAK", ALNUM, 54, 54), of("EZTK", ALNUM, 54, 54)));
        v.add(vendor("twitter-bearer-token", of("AAAAAAAAAAAAAAAAAAAA", TOKEN68, 60, 200)));
        v.add(vendor("facebook-token", facebookFormats()));
    }

    private static void payments(List<Vendor> v) {
        v.add(vendor("square-token", of("sq0atp-", BASE64URL, 22, 60), of("sq0csp-", BASE64URL, 40, 60),
                of("EAAA", BASE64URL, 40, 60, MIXED)));
        v.add(vendor("braintree-token", of("access_token$production$", ALNUM_DOLLAR, 40, 60),
                of("access_token$sandbox$", ALNUM_DOLLAR, 40, 60)));
        v.add(vendor("plaid-token", of("access-sandbox-", HEX_DASH, 36, 36),
                of("access-development-", HEX_DASH, 36, 36), of("access-production-", HEX_DASH, 36, 36)));
        v.add(vendor("shippo-token", of("shippo_live_", HEX, 40, 40), of("shippo_test_", HEX, 40, 40)));
        v.add(vendor("duffel-token", of("duffel_live_", BASE64_ANY, 43, 43), of("duffel_test_", BASE64_ANY, 43, 43)));
        v.add(vendor("flutterwave-key", of("FLWSECK_TEST-", ALNUM_DASH, 34, 34), of("FLWSECK-", ALNUM_DASH, 34, 34)));
    }

    private static void aiPlatforms(List<Vendor> v) {
        v.add(vendor("llm-api-key", of("gsk_", ALNUM, 52, 52), of("r8_", ALNUM, 37, 37), of("pplx-", ALNUM, 48, 48),
                of("xai-", ALNUM, 80, 80), of("lsv2_pt_", ALNUM_UNDERSCORE, 43, 43),
                of("lsv2_sk_", ALNUM_UNDERSCORE, 43, 43), of("pcsk_", ALNUM_UNDERSCORE, 40, 100),
                of("nvapi-", BASE64URL, 64, 64), of("sk-or-v1-", HEX, 64, 64), of("ABSK", BASE64_ANY, 109, 270)));
    }

    /** Facebook/Meta access tokens: {@code EAA} + a letter (page, user and app tokens) + a long random body. */
    private static TokenFormat[] facebookFormats() {
        List<TokenFormat> f = new ArrayList<>();
        for (char c = 'B'; c <= 'Z'; c++) {
            f.add(of("EAA" + c, ALNUM, 80, 400, MIXED));
        }
        return f.toArray(TokenFormat[]::new);
    }

    private static Vendor vendor(String id, TokenFormat... formats) {
        return new Vendor(id, List.of(formats));
    }

    private static TokenFormat of(String prefix, TokenFormat.Alphabet alphabet, int min, int max) {
        return TokenFormat.of(prefix, alphabet, min, max);
    }

    private static TokenFormat of(String prefix, TokenFormat.Alphabet alphabet, int min, int max, int classes) {
        return TokenFormat.of(prefix, alphabet, min, max, classes);
    }
}
