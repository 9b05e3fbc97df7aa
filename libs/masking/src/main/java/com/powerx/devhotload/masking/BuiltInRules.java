package com.powerx.devhotload.masking;

import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM_DASH;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.ALNUM_UNDERSCORE;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64URL;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64URL_DOT;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.BASE64_ANY;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.DIGIT;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.HEX;
import static com.powerx.devhotload.masking.detect.TokenFormat.Alphabet.UPPER_DIGIT;

import com.powerx.devhotload.masking.detect.AirtableTokenDetector;
import com.powerx.devhotload.masking.detect.AuthHeaderDetector;
import com.powerx.devhotload.masking.detect.AzureAdClientSecretDetector;
import com.powerx.devhotload.masking.detect.Base64PrivateKeyDetector;
import com.powerx.devhotload.masking.detect.CliPasswordDetector;
import com.powerx.devhotload.masking.detect.DiscordTokenDetector;
import com.powerx.devhotload.masking.detect.HerokuApiKeyDetector;
import com.powerx.devhotload.masking.detect.InfixTokenDetector;
import com.powerx.devhotload.masking.detect.K8sSecretDataDetector;
import com.powerx.devhotload.masking.detect.NetrcPasswordDetector;
import com.powerx.devhotload.masking.detect.TelegramBotTokenDetector;
import com.powerx.devhotload.masking.detect.VaultTokenDetector;
import com.powerx.devhotload.masking.detect.VendorTokens;
import com.powerx.devhotload.masking.detect.WebhookUrlDetector;
import com.powerx.devhotload.masking.detect.AwsSecretKeyDetector;
import com.powerx.devhotload.masking.detect.AzureSasDetector;
import com.powerx.devhotload.masking.detect.AzureStorageKeyDetector;
import com.powerx.devhotload.masking.detect.CookieDetector;
import com.powerx.devhotload.masking.detect.DbConnectionStringDetector;
import com.powerx.devhotload.masking.detect.Detector;
import com.powerx.devhotload.masking.detect.EmailDetector;
import com.powerx.devhotload.masking.detect.GcpServiceAccountDetector;
import com.powerx.devhotload.masking.detect.GenericSecretKvDetector;
import com.powerx.devhotload.masking.detect.HighEntropyNearKeyDetector;
import com.powerx.devhotload.masking.detect.IbanDetector;
import com.powerx.devhotload.masking.detect.Ipv4Detector;
import com.powerx.devhotload.masking.detect.Ipv6Detector;
import com.powerx.devhotload.masking.detect.JwtDetector;
import com.powerx.devhotload.masking.detect.NationalIdDetector;
import com.powerx.devhotload.masking.detect.PaymentCardDetector;
import com.powerx.devhotload.masking.detect.PemPrivateKeyDetector;
import com.powerx.devhotload.masking.detect.PhoneDetector;
import com.powerx.devhotload.masking.detect.PrefixTokenDetector;
import com.powerx.devhotload.masking.detect.SendGridDetector;
import com.powerx.devhotload.masking.detect.SlackWebhookDetector;
import com.powerx.devhotload.masking.detect.TokenFormat;
import com.powerx.devhotload.masking.detect.TwilioDetector;
import com.powerx.devhotload.masking.detect.UrlCredentialsDetector;
import com.powerx.devhotload.masking.rules.RuleConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Registry of the built-in detectors by rule id; the rule file refers to them by these ids. */
final class BuiltInRules {

    private static final Map<String, Function<RuleConfig, Detector>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(PemPrivateKeyDetector.ID, c -> new PemPrivateKeyDetector());
        FACTORIES.put(Base64PrivateKeyDetector.ID, c -> new Base64PrivateKeyDetector());
        FACTORIES.put(GcpServiceAccountDetector.ID, c -> new GcpServiceAccountDetector());
        FACTORIES.put(JwtDetector.ID, c -> new JwtDetector());
        FACTORIES.put(SlackWebhookDetector.ID, c -> new SlackWebhookDetector());
        FACTORIES.put(WebhookUrlDetector.ID, c -> new WebhookUrlDetector());
        FACTORIES.put(DbConnectionStringDetector.ID, c -> new DbConnectionStringDetector());
        FACTORIES.put(UrlCredentialsDetector.ID, c -> new UrlCredentialsDetector());
        FACTORIES.put(AuthHeaderDetector.ID, c -> new AuthHeaderDetector());
        FACTORIES.put(CookieDetector.ID, c -> new CookieDetector());
        registerEstablishedVendors();
        registerShapedVendors();
        for (VendorTokens.Vendor v : VendorTokens.all()) {
            FACTORIES.put(v.ruleId(), c -> new PrefixTokenDetector(v.ruleId(), v.formats()));
        }
        FACTORIES.put(AwsSecretKeyDetector.ID, c -> new AwsSecretKeyDetector());
        FACTORIES.put(K8sSecretDataDetector.ID, c -> new K8sSecretDataDetector());
        FACTORIES.put(CliPasswordDetector.ID, c -> new CliPasswordDetector());
        FACTORIES.put(NetrcPasswordDetector.ID, c -> new NetrcPasswordDetector());
        FACTORIES.put(GenericSecretKvDetector.ID, c -> new GenericSecretKvDetector(Set.copyOf(c.keys())));
        FACTORIES.put(HighEntropyNearKeyDetector.ID, c -> new HighEntropyNearKeyDetector());
        FACTORIES.put(PaymentCardDetector.ID, c -> new PaymentCardDetector());
        FACTORIES.put(IbanDetector.ID, c -> new IbanDetector());
        FACTORIES.put(NationalIdDetector.ID, c -> new NationalIdDetector());
        FACTORIES.put(EmailDetector.ID, c -> new EmailDetector());
        FACTORIES.put(PhoneDetector.ID, c -> new PhoneDetector());
        FACTORIES.put(Ipv6Detector.ID, c -> new Ipv6Detector());
        FACTORIES.put(Ipv4Detector.ID, c -> new Ipv4Detector());
    }

    /** Token formats of the first release, with their own detectors or prefix lists. */
    private static void registerEstablishedVendors() {
        FACTORIES.put("aws-access-key-id", c -> new PrefixTokenDetector("aws-access-key-id", List.of(
                new TokenFormat("AKIA", UPPER_DIGIT, 16, 16, 4, false),
                new TokenFormat("ASIA", UPPER_DIGIT, 16, 16, 4, false),
                new TokenFormat("ABIA", UPPER_DIGIT, 16, 16, 4, false),
                new TokenFormat("ACCA", UPPER_DIGIT, 16, 16, 4, false))));
        FACTORIES.put("github-token", c -> new PrefixTokenDetector("github-token", List.of(
                TokenFormat.of("ghp_", ALNUM, 30, 251),
                TokenFormat.of("gho_", ALNUM, 30, 251),
                TokenFormat.of("ghu_", ALNUM, 30, 251),
                TokenFormat.of("ghs_", ALNUM, 30, 251),
                TokenFormat.of("ghr_", ALNUM, 30, 251),
                TokenFormat.of("github_pat_", ALNUM_UNDERSCORE, 22, 251))));
        FACTORIES.put("gitlab-token", c -> new PrefixTokenDetector("gitlab-token", gitlabFormats()));
        FACTORIES.put("slack-token", c -> new PrefixTokenDetector("slack-token", slackFormats()));
        FACTORIES.put("stripe-key", c -> new PrefixTokenDetector("stripe-key", List.of(
                TokenFormat.of("sk_live_", ALNUM, 10, 255),
                TokenFormat.of("sk_test_", ALNUM, 10, 255),
                TokenFormat.of("rk_live_", ALNUM, 10, 255),
                TokenFormat.of("rk_test_", ALNUM, 10, 255),
                TokenFormat.of("whsec_", ALNUM, 20, 255))));
        FACTORIES.put(SendGridDetector.ID, c -> new SendGridDetector());
        FACTORIES.put("npm-token", c -> new PrefixTokenDetector("npm-token", List.of(
                TokenFormat.of("npm_", ALNUM, 36, 36))));
        FACTORIES.put("pypi-token", c -> new PrefixTokenDetector("pypi-token", List.of(
                new TokenFormat("pypi-AgE", BASE64URL, 50, 4000, 5, false))));
        FACTORIES.put("anthropic-key", c -> new PrefixTokenDetector("anthropic-key", List.of(
                TokenFormat.of("sk-ant-", BASE64URL, 20, 255))));
        FACTORIES.put("openai-key", c -> new PrefixTokenDetector("openai-key", List.of(
                TokenFormat.of("sk-proj-", BASE64URL, 20, 255),
                TokenFormat.of("sk-svcacct-", BASE64URL, 20, 255),
                TokenFormat.of("sk-admin-", BASE64URL, 20, 255),
                TokenFormat.of("sk-None-", BASE64URL, 20, 255),
                new TokenFormat("sk-", BASE64URL, 20, 255, 3, true))));
        FACTORIES.put("gcp-api-key", c -> new PrefixTokenDetector("gcp-api-key", List.of(
                TokenFormat.of("AIza", BASE64URL, 35, 35))));
        FACTORIES.put(TwilioDetector.ID, c -> new TwilioDetector());
        FACTORIES.put(AzureStorageKeyDetector.ID, c -> new AzureStorageKeyDetector());
        FACTORIES.put(AzureSasDetector.ID, c -> new AzureSasDetector());
    }

    /** Vendor tokens recognised by shape or context rather than by a leading prefix alone. */
    private static void registerShapedVendors() {
        FACTORIES.put(DiscordTokenDetector.ID, c -> new DiscordTokenDetector());
        FACTORIES.put(TelegramBotTokenDetector.ID, c -> new TelegramBotTokenDetector());
        FACTORIES.put(VaultTokenDetector.ID, c -> new VaultTokenDetector());
        FACTORIES.put(HerokuApiKeyDetector.ID, c -> new HerokuApiKeyDetector());
        FACTORIES.put(AzureAdClientSecretDetector.ID, c -> new AzureAdClientSecretDetector());
        FACTORIES.put(AirtableTokenDetector.ID, c -> new AirtableTokenDetector());
        FACTORIES.put("terraform-cloud-token", c -> new InfixTokenDetector("terraform-cloud-token", List.of(
                new InfixTokenDetector.Format(".atlasv1.", ALNUM, 14, 14, BASE64_ANY, 60, 70))));
        FACTORIES.put("firebase-fcm-key", c -> new InfixTokenDetector("firebase-fcm-key", List.of(
                new InfixTokenDetector.Format(":APA91b", BASE64URL, 11, 11, BASE64URL, 120, 160))));
        FACTORIES.put("mailchimp-key", c -> new InfixTokenDetector("mailchimp-key", List.of(
                new InfixTokenDetector.Format("-us", HEX, 32, 32, DIGIT, 1, 2))));
    }

    private BuiltInRules() {
    }

    private static List<TokenFormat> gitlabFormats() {
        List<TokenFormat> f = new ArrayList<>();
        for (String p : List.of("glpat-", "gldt-", "glrt-", "glrtr-", "glptt-", "glcbt-", "glft-", "glimt-",
                "glagent-", "gloas-", "glsoat-", "glffct-", "glwt-")) {
            f.add(TokenFormat.of(p, BASE64URL_DOT, 20, 255));
        }
        f.add(TokenFormat.of("GR1348941", BASE64URL, 20, 255));
        return f;
    }

    private static List<TokenFormat> slackFormats() {
        List<TokenFormat> f = new ArrayList<>();
        for (String p : List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe.xoxp-",
                "xoxe.xoxb-", "xapp-")) {
            f.add(TokenFormat.of(p, ALNUM_DASH, 10, 255));
        }
        return f;
    }

    static Set<String> ids() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    static boolean isBuiltIn(String id) {
        return FACTORIES.containsKey(id);
    }

    /** The built-in detector for {@code rule}, or null if the id has none. */
    static Detector create(RuleConfig rule) {
        Function<RuleConfig, Detector> f = FACTORIES.get(rule.id());
        return f == null ? null : f.apply(rule);
    }
}
