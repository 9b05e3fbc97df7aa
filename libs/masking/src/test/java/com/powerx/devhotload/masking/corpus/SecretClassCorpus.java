package com.powerx.devhotload.masking.corpus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Positives grouped by secret class, for the classes the first corpus lacked (issue #11): vendor tokens written from
 * each vendor's documented format, placed in the layouts a secret really appears in — log lines, env files, YAML,
 * JSON, JSON escaped inside JSON, curl headers, HTTP dumps, query strings, percent-encoded URLs, stack traces, code —
 * with neutral key names, so the token's own format has to give it away. {@link ContextualSecrets} adds the classes
 * defined by where a secret sits rather than by its shape. Seeded, so reproducible.
 */
public final class SecretClassCorpus {

    /** One class: its name, the rule expected to mask it, and how to produce cases. */
    record SecretClass(String name, String rule, Function<Tokens, List<Generated>> cases) {
    }

    /** Text plus the secrets that must disappear from it; {@code rule} overrides the class's rule when not null. */
    record Generated(String layout, String rule, String text, List<String> secrets) {

        static Generated of(String layout, String text, String... secrets) {
            return new Generated(layout, null, text, List.of(secrets));
        }

        static Generated ruled(String layout, String rule, String text, String... secrets) {
            return new Generated(layout, rule, text, List.of(secrets));
        }
    }

    /** A layout for a bare token: the text around it, given a token source and the token. */
    private record Layout(String name, BiFunction<Tokens, String, String> render) {
    }

    private static final List<Layout> TOKEN_LAYOUTS = List.of(
            new Layout("log", (t, v) -> ts(t) + " INFO  [uploader] authenticated with " + v + " (region=eu-west-1)"),
            new Layout("export", (t, v) -> "export " + t.pick("UPLOAD_CFG", "CI_VALUE", "DEPLOY_REF") + "=" + v),
            new Layout("dotenv-quoted", (t, v) -> t.pick("INTEGRATION", "BACKEND_OPT", "PLUGIN_ARG") + "=\"" + v + "\""),
            new Layout("json", (t, v) -> "{\"name\": \"ci\", \"value\": \"" + v + "\", \"enabled\": true}"),
            new Layout("yaml", (t, v) -> "integrations:\n  upload:\n    value: " + v + "\n    retries: 3"),
            new Layout("escaped-json", (t, v) -> "{\"level\":\"debug\",\"msg\":\"config {\\\"value\\\":\\\"" + v
                    + "\\\",\\\"retries\\\":3}\"}"),
            new Layout("curl-header", (t, v) -> "curl -sS -H \"X-Client: " + v + "\" https://api.example.com/v1/me"),
            new Layout("http-dump", (t, v) -> "POST /v1/upload HTTP/1.1\r\nHost: api.example.com\r\nX-Client: " + v
                    + "\r\nContent-Type: application/json"),
            new Layout("query", (t, v) -> "GET /v1/hooks?client=" + v + "&page=2 HTTP/1.1"),
            new Layout("stacktrace", (t, v) -> "java.lang.IllegalStateException: upstream rejected " + v
                    + "\n\tat com.powerx.devhotload.client.Uploader.send(Uploader.java:88)"),
            new Layout("python", (t, v) -> "client = Client(\"" + v + "\", timeout=30)"),
            new Layout("docker", (t, v) -> "docker run --rm -e UPLOAD_CFG=" + v + " registry.example.com/tool:1.4"),
            new Layout("toml", (t, v) -> "[upload]\nvalue = \"" + v + "\"\nretries = 3"),
            new Layout("keyed-env", (t, v) -> "SERVICE_API_TOKEN=" + v));

    private SecretClassCorpus() {
    }

    /** Cases per class, {@code perLayout} per layout, seeded; classes in a stable order. */
    public static Map<String, List<CorpusCase>> generate(long seed, int perLayout) {
        Tokens t = new Tokens(seed);
        Map<String, List<CorpusCase>> out = new LinkedHashMap<>();
        List<SecretClass> classes = new ArrayList<>(tokenClasses(new VendorTokenSamples(t), perLayout));
        classes.addAll(ContextualSecrets.classes(2 * perLayout)); // fewer layouts per class, so more of each
        for (SecretClass c : classes) {
            List<CorpusCase> cases = new ArrayList<>();
            int i = 0;
            for (Generated g : c.cases().apply(t)) {
                String rule = g.rule() != null ? g.rule() : c.rule();
                cases.add(new CorpusCase("class:" + c.name() + "/" + g.layout() + "#" + i++, rule, g.secrets(),
                        g.text()));
            }
            out.put(c.name(), cases);
        }
        return out;
    }

    /** Every case of {@link #generate}, flattened. */
    public static List<CorpusCase> all(long seed, int perLayout) {
        return generate(seed, perLayout).values().stream().flatMap(List::stream).toList();
    }

    private static List<SecretClass> tokenClasses(VendorTokenSamples v, int n) {
        List<SecretClass> l = new ArrayList<>();
        leakedClasses(l, v, n);
        catalogueClasses(l, v, n);
        for (String rule : VendorTokenSamples.LONG_TAIL) {
            l.add(token(rule, rule, n, x -> v.longTail(rule)));
        }
        return l;
    }

    /** Token classes that leaked in the independent corpus of issue #11. */
    private static void leakedClasses(List<SecretClass> l, VendorTokenSamples v, int n) {
        l.add(token("discord-bot-token", "discord-token", n, x -> x.pick(v.discordBot(), v.discordBot(), v.discordMfa())));
        l.add(token("telegram-bot-token", "telegram-bot-token", n, x -> v.telegramBot()));
        l.add(token("vault-token", "vault-token", n, x -> v.vault()));
        l.add(token("digitalocean-token", "digitalocean-token", n, x -> v.digitalOcean()));
        l.add(token("twilio-api-key", "twilio", n, x -> v.twilioApiKey()));
        l.add(token("heroku-api-key-v2", "heroku-api-key", n, x -> v.herokuV2()));
        l.add(token("huggingface-token", "huggingface-token", n, x -> v.huggingFace()));
        l.add(token("azure-ad-client-secret", "azure-ad-client-secret", n, x -> v.azureAdSecret()));
        l.add(token("azure-storage-key-bare", "azure-storage-key", n, x -> v.azureStorageKey()));
    }

    private static void catalogueClasses(List<SecretClass> l, VendorTokenSamples v, int n) {
        l.add(token("shopify-token", "shopify-token", n, x -> v.shopify()));
        l.add(token("atlassian-api-token", "atlassian-token", n, x -> v.atlassian()));
        l.add(token("mailchimp-key", "mailchimp-key", n, x -> v.mailchimp()));
        l.add(token("square-token", "square-token", n, x -> v.square()));
        l.add(token("braintree-token", "braintree-token", n, x -> v.braintree()));
        l.add(token("linear-api-key", "linear-api-key", n, x -> v.linear()));
        l.add(token("notion-token", "notion-token", n, x -> v.notion()));
        l.add(token("postman-api-key", "postman-api-key", n, x -> v.postman()));
        l.add(token("doppler-token", "doppler-token", n, x -> v.doppler()));
        l.add(token("pulumi-token", "pulumi-token", n, x -> v.pulumi()));
        l.add(token("databricks-token", "databricks-token", n, x -> v.databricks()));
        l.add(token("grafana-token", "grafana-token", n, x -> v.grafana()));
        l.add(token("newrelic-key", "newrelic-key", n, x -> v.newRelic()));
        l.add(token("sentry-token", "sentry-token", n, x -> v.sentry()));
        l.add(token("age-secret-key", "age-secret-key", n, x -> v.ageKey()));
        l.add(token("dropbox-token", "dropbox-token", n, x -> v.dropbox()));
        l.add(token("firebase-fcm-key", "firebase-fcm-key", n, x -> v.firebaseFcm()));
        l.add(token("flyio-token", "flyio-token", n, x -> v.flyio()));
        l.add(token("supabase-token", "supabase-token", n, x -> v.supabase()));
        l.add(token("terraform-cloud-token", "terraform-cloud-token", n, x -> v.terraformCloud()));
        l.add(token("alibaba-access-key", "alibaba-access-key", n, x -> v.alibaba()));
        l.add(token("tencent-secret-id", "tencent-secret-id", n, x -> v.tencent()));
        l.add(token("google-oauth-token", "google-oauth-token", n, x -> v.googleOAuth()));
        l.add(token("dockerhub-token", "dockerhub-token", n, x -> v.dockerHub()));
        l.add(token("artifactory-token", "artifactory-token", n, x -> v.artifactory()));
        l.add(token("nuget-key", "nuget-key", n, x -> v.nuget()));
        l.add(token("rubygems-token", "rubygems-token", n, x -> v.rubygems()));
        l.add(token("airtable-token", "airtable-token", n, x -> v.airtable()));
        l.add(token("facebook-token", "facebook-token", n, x -> v.facebook()));
        l.add(token("openshift-token", "openshift-token", n, x -> v.openshift()));
        l.add(token("planetscale-token", "planetscale-token", n, x -> v.planetscale()));
        l.add(token("dynatrace-token", "dynatrace-token", n, x -> v.dynatrace()));
        l.add(token("llm-api-key", "llm-api-key", n, x -> v.llm()));
        l.add(token("hubspot-token", "hubspot-token", n, x -> v.hubspot()));
        l.add(token("contentful-token", "contentful-token", n, x -> v.contentful()));
        l.add(token("clojars-token", "clojars-token", n, x -> v.clojars()));
        l.add(token("sonarqube-token", "sonarqube-token", n, x -> v.sonarqube()));
    }

    /** A token class: {@code n} cases in every token layout, plus a percent-encoded URL. */
    private static SecretClass token(String name, String rule, int n, Function<Tokens, String> token) {
        return new SecretClass(name, rule, t -> {
            List<Generated> out = new ArrayList<>();
            for (Layout layout : TOKEN_LAYOUTS) {
                for (int i = 0; i < n; i++) {
                    String v = token.apply(t);
                    out.add(Generated.of(layout.name(), layout.render().apply(t, v), v));
                }
            }
            for (int i = 0; i < n; i++) {
                String encoded = percentEncode(token.apply(t));
                out.add(Generated.of("percent-encoded", "redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fclient%3D"
                        + encoded + "%26state%3D" + t.hex(8), encoded));
            }
            return out;
        });
    }

    static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String ts(Tokens t) {
        return "2026-11-" + t.between(10, 28) + "T" + t.between(10, 23) + ":" + t.between(10, 59) + ":"
                + t.between(10, 59) + "." + t.digits(3) + "Z";
    }
}
