package com.powerx.devhotload.masking.corpus;

import static com.powerx.devhotload.masking.corpus.ContextualSecrets.tpl;

import com.powerx.devhotload.masking.corpus.ContextualSecrets.Template;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus.Generated;
import com.powerx.devhotload.masking.corpus.SecretClassCorpus.SecretClass;
import java.util.List;

/**
 * Classes the first corpus had in a few layouts only: US SSNs and phone numbers in varied formats, e-mail addresses
 * behind an encoding, bearer tokens in code and header maps, Slack webhooks with escaped slashes, passwords in
 * passphrase, PHP/PowerShell, non-English and encoded key/value forms.
 */
final class EncodedAndPersonalSecrets {

    private EncodedAndPersonalSecrets() {
    }

    static List<SecretClass> classes(int n) {
        return List.of(
                ContextualSecrets.of("us-ssn-layouts", "national-id", n, ssn()),
                ContextualSecrets.of("phone-formats", "phone", n, PhoneSamples.templates()),
                ContextualSecrets.of("email-encoded", "email", n, emails()),
                ContextualSecrets.of("bearer-layouts", "auth-header", n, bearer()),
                ContextualSecrets.of("slack-webhook-encoded", "slack-webhook", n, slackWebhooks()),
                ContextualSecrets.of("password-variants", "generic-secret-kv", n, passwords()),
                ContextualSecrets.of("encoded-key-value", "generic-secret-kv", n, encodedKeyValues()));
    }

    private static String validSsn(Tokens t) {
        int area;
        do {
            area = t.between(1, 899);
        } while (area == 666);
        return String.format("%03d%02d%04d", area, t.between(1, 99), t.between(1, 9999));
    }

    private static Generated ssn(Tokens t, String before, String sep, String after) {
        String d = validSsn(t);
        String v = d.substring(0, 3) + sep + d.substring(3, 5) + sep + d.substring(5);
        return Generated.of("ssn", before + v + after, v);
    }

    private static List<Template> ssn() {
        return List.of(
                tpl("dashed-prose", t -> ssn(t, "applicant ", "-", " verified against SSA records")),
                tpl("key-spaced", t -> ssn(t, "SSN: ", " ", "")),
                tpl("key-compact", t -> ssn(t, "ssn=", "", " dob=1984-02-11")),
                tpl("json-spaced", t -> ssn(t, "{\"name\": \"Bob Smith\", \"ssn\": \"", " ", "\"}")),
                tpl("snake-key", t -> ssn(t, "social_security_number=", "", "")),
                tpl("camel-key-dotted", t -> ssn(t, "SocialSecurityNumber: ", ".", "")),
                tpl("words-key", t -> ssn(t, "Social Security Number: ", "-", "")),
                tpl("csv", t -> ssn(t, "name,ssn,state\nBob Smith,", "-", ",CA")),
                tpl("percent-encoded", t -> ssn(t, "GET /apply?next=%2Fverify%3Fssn%3D", "", "%26step%3D2 200")),
                tpl("example-number", t -> {
                    String v = "9" + t.digits(2) + "-" + t.between(10, 99) + "-" + t.between(1000, 9999);
                    return Generated.of("example", "ssn: " + v, v);
                }));
    }

    private static List<Template> emails() {
        return List.of(
                tpl("percent", t -> email(t, "GET /invite?to=", "%40", "&role=admin 302")),
                tpl("mailto-percent", t -> email(t, "<a href=\"mailto:", "%40", "\">mail</a>")),
                tpl("json-unicode", t -> email(t, "{\"contact\": \"", "\\u0040", "\"}")),
                tpl("html-decimal", t -> email(t, "<span>", "&#64;", "</span>")),
                tpl("html-hex", t -> email(t, "owner: ", "&#x40;", "")),
                tpl("html-named", t -> email(t, "reply-to ", "&commat;", " please")),
                tpl("obfuscated", t -> {
                    String v = t.firstName().replace(".", "") + t.pick(" [at] ", "(at)", "[at]") + "example"
                            + t.pick(" [dot] ", "(dot)", ".") + t.pick("com", "org");
                    return Generated.of("obfuscated", "write to " + v + " for access", v);
                }),
                tpl("plus-encoded", t -> {
                    String v = t.firstName().replace(".", "") + "%2Balerts%40example.com";
                    return Generated.of("plus", "subscribe?email=" + v + "&list=ops", v);
                }));
    }

    private static Generated email(Tokens t, String before, String at, String after) {
        String v = t.firstName().replace(".", "") + t.pick("", ".smith", "42") + at
                + t.pick("example.com", "mail.example.org", "corp.powerx.io");
        return Generated.of("email", before + v + after, v);
    }

    private static List<Template> bearer() {
        return List.of(
                tpl("logfmt", t -> token(t, "level=debug msg=\"outbound\" authorization=Bearer ", " status=401")),
                tpl("escaped-json", t -> token(t, "{\"req\":\"{\\\"headers\\\":{\\\"Authorization\\\":\\\"Bearer ", "\\\"}}\"}")),
                tpl("curl-lower", t -> token(t, "curl -s -H 'authorization: bearer ", "' https://api.example.com/v2/items")),
                tpl("header-map", t -> token(t, "request headers={Authorization=[Bearer ", "], Accept=[*/*]}")),
                tpl("go-code", t -> token(t, "req.Header.Set(\"Authorization\", \"Bearer ", "\")")),
                tpl("node-array", t -> token(t, "headers: { authorization: [ 'Bearer ", "' ] }")),
                tpl("cgi-env", t -> token(t, "HTTP_AUTHORIZATION=Bearer ", "")),
                tpl("double-escaped", t -> token(t, "{\"log\":\"{\\\\\\\"Authorization\\\\\\\":\\\\\\\"Bearer ", "\\\\\\\"}\"}")),
                tpl("percent", t -> token(t, "trace=GET%20%2Fv1%0AAuthorization%3A%20Bearer%20", "%0A")));
    }

    /** Opaque bearer tokens with the b64token punctuation people forget: {@code . - _ ~ + /}. */
    private static Generated token(Tokens t, String before, String after) {
        String v = t.pick(t.base64Url(32), t.alnum(20) + "." + t.alnum(12), t.alnum(16) + "~" + t.alnum(10),
                t.base64(40) + "=");
        if (after.startsWith("%")) {
            v = t.alnum(30);
        }
        return Generated.of("bearer", before + v + after, v);
    }

    private static List<Template> slackWebhooks() {
        return List.of(
                tpl("json-escaped-slashes", t -> webhook(t, "{\"url\":\"https:\\/\\/hooks.slack.com\\/services\\/", "\\/", "\"}")),
                tpl("percent", t -> webhook(t, "callback=https%3A%2F%2Fhooks.slack.com%2Fservices%2F", "%2F", "&x=1")),
                tpl("workflows", t -> webhook(t, "SLACK_FLOW=https://hooks.slack.com/workflows/", "/", "")),
                tpl("html", t -> webhook(t, "<a href=\"https:&#x2F;&#x2F;hooks.slack.com&#x2F;services&#x2F;", "&#x2F;", "\">")));
    }

    private static Generated webhook(Tokens t, String before, String slash, String after) {
        String path = "T" + t.upperDigits(8) + slash + "B" + t.upperDigits(10) + slash + t.alnum(24);
        return Generated.of("webhook", before + path + after, path);
    }

    private static List<Template> passwords() {
        return List.of(
                tpl("yaml-passphrase", t -> {
                    String v = String.join(" ", t.pick("correct", "purple", "silent"), t.pick("horse", "monkey", "river"),
                            t.pick("battery", "lantern", "orbit"), t.pick("staple", "cactus", "meadow"));
                    return Generated.of("passphrase", "db:\n  password: " + v + "\n  pool: 5", v);
                }),
                tpl("php", t -> pass(t, "$db_password = '", "';")),
                tpl("perl", t -> pass(t, "my $password = \"", "\";")),
                tpl("powershell", t -> pass(t, "$Password = \"", "\"")),
                tpl("german", t -> pass(t, "passwort=", " benutzer=admin")),
                tpl("portuguese", t -> pass(t, "{\"usuario\": \"admin\", \"senha\": \"", "\"}")),
                tpl("dutch", t -> pass(t, "wachtwoord: ", "")),
                tpl("french", t -> pass(t, "mot_de_passe=", "")),
                tpl("spanish", t -> pass(t, "contrasena = \"", "\"")),
                tpl("short-key", t -> pass(t, "mqtt connect host=broker user=iot pw=", " qos=1")),
                tpl("html-escaped-json", t -> pass(t, "<pre>{&quot;password&quot;:&quot;", "&quot;}</pre>")));
    }

    private static Generated pass(Tokens t, String before, String after) {
        String p = ContextualSecrets.pw(t);
        return Generated.of("password", before + p + after, p);
    }

    private static List<Template> encodedKeyValues() {
        return List.of(
                tpl("percent-query", t -> alnumPass(t, "next=%2Flogin%3Fuser%3Dbob%26password%3D", "%26remember%3D1")),
                tpl("percent-json", t -> alnumPass(t, "state=%7B%22client_secret%22%3A%22", "%22%7D")),
                tpl("double-escaped-json", t -> alnumPass(t, "{\"log\":\"{\\\\\\\"api_key\\\\\\\":\\\\\\\"", "\\\\\\\"}\"}")),
                tpl("unicode-escaped", t -> alnumPass(t, "{\"body\":\"token\\u003d", "\\u0026x\\u003d1\"}")));
    }

    /** Letters and digits only: a '%' in the password would itself read as an escape in encoded text. */
    private static Generated alnumPass(Tokens t, String before, String after) {
        String p = t.alnum(t.between(12, 20));
        return Generated.of("password", before + p + after, p);
    }
}
