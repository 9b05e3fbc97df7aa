package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One exact input/output example per rule with its default action; these are the examples in docs/masking.md. */
class RuleExamplesTest {

    private static final MaskingEngine ENGINE = MaskingEngine.builder().hmacKey("docs-example-key-000001").build();

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("pem-private-key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg\n-----END EC PRIVATE KEY-----",
                        "-----BEGIN EC PRIVATE KEY-----\n****\n-----END EC PRIVATE KEY-----"),
                Arguments.of("gcp-service-account", "{\"private_key_id\": \"8f3a0c1d2e4b5f6a7b8c9d0e1f2a3b4c5d6e7f80\"}",
                        "{\"private_key_id\": \"****\"}"),
                Arguments.of("jwt", "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_abc",
                        "token=[REDACTED:jwt]"),
                Arguments.of("auth-header", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic ****"),
                Arguments.of("url-credentials", "https://deploy:Xy12pQ@git.example.com/r.git",
                        "https://deploy:****@git.example.com/r.git"),
                Arguments.of("cookie", "Set-Cookie: sid=9f8e7d6c5b4a; Path=/; HttpOnly", "Set-Cookie: sid=****; Path=/; HttpOnly"),
                Arguments.of("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE", "AKIA****"),
                Arguments.of("aws-secret-key", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key=****"),
                Arguments.of("gcp-api-key", "key=AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI", "key=AIza****"),
                Arguments.of("azure-storage-key", "AccountName=a;AccountKey=" + "Ab1+".repeat(21) + "Ab==",
                        "AccountName=a;AccountKey=****"),
                Arguments.of("azure-sas", "https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=AbCdEf0123456789%3D",
                        "https://a.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=****"),
                Arguments.of("github-token", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "ghp_****"),
                Arguments.of("gitlab-token", "glpat-xYz123AbC456dEf789Gh", "glpat-****"),
                Arguments.of("slack-token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKl", "xoxb-****"),
                Arguments.of("slack-webhook", "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
                        "https://hooks.slack.com/services/****"),
                Arguments.of("stripe-key", "sk_live_51HcQxYAbCdEfGhIjKlMnOp", "sk_live_****"),
                Arguments.of("twilio", "twilio sid AC0123456789abcdef0123456789abcdef", "twilio sid AC****"),
                Arguments.of("sendgrid", "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", "SG.****"),
                Arguments.of("npm-token", "npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm_****"),
                Arguments.of("pypi-token", "pypi-AgEIcHlwaS5vcmcCJGE4ZjI3NDNlLWM5YTEtNDk5Ni04ZDI0LTk0YmFjNTA1YmQ1MgAC",
                        "pypi-****"),
                Arguments.of("openai-key", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123", "sk-proj-****"),
                Arguments.of("anthropic-key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv", "sk-ant-****"),
                Arguments.of("db-connection-string", "postgres://user:pw123@db:5432/x", "postgres://user:****@db:5432/x"),
                Arguments.of("generic-secret-kv", "DB_PASSWORD=hunter2", "DB_PASSWORD=****"),
                Arguments.of("high-entropy-near-key", "signature=Xq8vN2pL5rT9wK3mZ7bC1dF4", "signature=****"),
                Arguments.of("email", "owner bob@example.com", "owner [HASH:" + hash("bob@example.com") + "]"),
                Arguments.of("phone", "call +1 415 555 2671", "call [HASH:" + hash("+1 415 555 2671") + "]"),
                Arguments.of("payment-card", "card 4111 1111 1111 1111", "card [REDACTED:payment-card]"),
                Arguments.of("iban", "iban DE89370400440532013000", "iban [REDACTED:iban]"),
                Arguments.of("national-id", "ssn 123-45-6789", "ssn [REDACTED:national-id]"),
                Arguments.of("ipv4", "from 203.0.113.9", "from [HASH:" + hash("203.0.113.9") + "]"),
                Arguments.of("ipv6", "from 2001:db8::1", "from [HASH:" + hash("2001:db8::1") + "]"));
    }

    /** The rules added for issue #11 (secret classes the first corpus lacked). */
    static Stream<Arguments> widenedExamples() {
        return Stream.of(
                Arguments.of("discord-token", "DISCORD=MTA0NTE2NzI4OTgxMjM0NTY3OA.GhIjKl.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab",
                        "DISCORD=****"),
                Arguments.of("telegram-bot-token", "bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX", "bot ****"),
                Arguments.of("vault-token", "vault login hvs.CAESIJlU9yb2dL0sDmXnZ2hQ3hW9", "vault login hvs.****"),
                Arguments.of("heroku-api-key", "HEROKU_KEY=01234567-89ab-cdef-0123-456789abcdef", "HEROKU_KEY=****"),
                Arguments.of("azure-ad-client-secret", "value abc8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456", "value ****"),
                Arguments.of("airtable-token", "patAbCdEfGhIjKlMn." + "0123456789abcdef".repeat(4), "pat****"),
                Arguments.of("mailchimp-key", "mc 0123456789abcdef0123456789abcdef-us12", "mc ****"),
                Arguments.of("digitalocean-token", "dop_v1_" + "0123456789abcdef".repeat(4), "dop_v1_****"),
                Arguments.of("huggingface-token", "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "hf_****"),
                Arguments.of("twilio", "SK0123456789abcdef0123456789abcdef", "SK****"),
                Arguments.of("k8s-secret-data", "kind: Secret\ndata:\n  config: YWRtaW4=", "kind: Secret\ndata:\n  config: ****"),
                Arguments.of("cli-password", "sshpass -p hunter2 ssh deploy@bastion", "sshpass -p **** ssh deploy@bastion"),
                Arguments.of("netrc-password", "machine api.example.com login bob password hunter2",
                        "machine api.example.com login bob password ****"),
                Arguments.of("webhook-url", "https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrSt",
                        "https://discord.com/api/webhooks/****"),
                Arguments.of("base64-private-key", "tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Fo"
                        + "a2lHOXcwQkFRRUZBQVNDQktjd2dnU2pBZ0VBQW9JQkFRQzdWSlRVdDlVczhjS2oKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=",
                        "tls.key: ****"),
                Arguments.of("email", "contact alice%40example.com", "contact [HASH:" + hash("alice%40example.com") + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widenedExamples")
    void widenedRuleOutput(String rule, String input, String expected) {
        defaultActionOutput(rule, input, expected);
    }

    private static String hash(String s) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("docs-example-key-000001".getBytes(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void defaultActionOutput(String rule, String input, String expected) {
        MaskResult r = ENGINE.mask(input);
        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.byRule()).containsKey(rule);
    }
}
