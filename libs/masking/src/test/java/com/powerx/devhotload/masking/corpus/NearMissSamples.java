package com.powerx.devhotload.masking.corpus;

import java.util.List;
import java.util.function.Function;

/**
 * Near-misses of the widened detectors: text that shares a prefix, a shape or a context with a secret format but is
 * not one. Each template names the detector it probes in a comment.
 */
final class NearMissSamples {

    private NearMissSamples() {
    }

    /** Prefixes and shapes of vendor formats with the wrong body. */
    static List<Function<Tokens, String>> formats() {
        return List.of(
                // discord: dotted Java names of the same shape, without digits
                t -> "\tat com.powerx." + t.pick("NotificationDispatchService.handle.onDeliveryReceiptFromGateway",
                        "MembershipReconcilerWorker.update.reconcileOrganisationMembers") + "(Worker.java:" + t.between(10, 99) + ")",
                // telegram: ids and counters followed by a colon and a word
                t -> "chat_id=-100" + t.digits(10) + " message " + t.digits(6) + ":Accepted by " + t.pick("bot", "relay"),
                // vault legacy: "s." after a word, short bodies
                t -> "took " + t.between(1, 59) + "." + t.digits(2) + "s. items.AbstractCollection" + t.digits(2) + " ok",
                // hugging face / generic prefixes used as words
                t -> "hf_hub_download(repo_id=\"px/" + t.pick("tiny-bert", "ner-small") + "\") hf_transfer=enabled",
                // twilio: uppercase SK/AC words and short hex
                t -> "SKU " + t.upperDigits(8) + " ACK seq=" + t.between(1, 99999) + " SK" + t.hex(24),
                // azure ad: a tilde after Q in prose, version markers
                t -> "press Q~ to quit, build " + t.between(1, 9) + "Q~" + t.between(1, 9) + " ok",
                // azure storage: 64-byte values labelled as digests or signatures
                t -> "checksum (sha512, base64): " + t.base64(86) + "==",
                // mailchimp / databricks / pulumi: hex ids with a region-like or word suffix
                t -> "object " + t.hex(32) + "-us " + t.pick("east", "west") + "-" + t.between(1, 2) + " dapi" + t.hex(8),
                // vendor prefixes as ordinary words
                t -> "the api-gateway in eu-west-1 uses key-value caching; sl.bottom panel; ya29 retired; dp.st config",
                // terraform / fcm: infixes without the token around them
                t -> "provider .atlasv1. endpoint; :APA91b; registered " + t.between(1, 99) + " devices",
                // airtable: words starting with "pat"
                t -> "path=/var/lib/px patch " + t.hex(7) + " pattern=" + t.pick("*.log", "**/*.yaml") + " patience=3",
                // facebook / square: EAA in base64 image data and words
                t -> "icon=data:image/gif;base64,R0lGODlhEAAQAMQAAORHHOVSKudfOulrSOp3WOyDZu6QdvCchPGolfO0o/XBs/fNwfjZ0frl3/zy7"
                        + t.base64(40),
                // octopus / onepassword / newrelic: uppercase constants
                t -> "API-VERSION=" + t.between(1, 9) + " A3-SIZE page NRAK-" + t.upperDigits(5) + " feature flag");
    }

    /** Contexts of the widened detectors without a secret in them. */
    static List<Function<Tokens, String>> contexts() {
        return List.of(
                // heroku: router logs carry request ids next to the word heroku
                t -> "heroku[router]: at=info method=GET path=\"/api/v1/sessions\" host=px-" + t.pick("staging", "prod")
                        + ".herokuapp.com request_id=" + t.uuid() + " dyno=web." + t.between(1, 4) + " connect=0ms service="
                        + t.between(2, 90) + "ms status=200 bytes=" + t.between(100, 9999),
                t -> "HEROKU_APP_ID=" + t.uuid() + " HEROKU_RELEASE_VERSION=v" + t.between(10, 999),
                // k8s: ConfigMaps and Secrets without data
                t -> "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  LOG_LEVEL: info\n  FEATURE_X: \""
                        + t.pick("true", "false") + "\"\n  REGION: eu-west-1",
                t -> "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-" + t.between(1, 99) + "\n  uid: " + t.uuid()
                        + "\ntype: Opaque",
                // cli: port, output and pass-number flags
                t -> t.pick("ssh -p 2222 deploy@bastion", "docker run -p 8080:80 nginx:1.27", "redis-cli -p 6380 ping",
                        "psql -p 5432 -U app -d sessions", "plink -P 2222 -ssh ops@bastion", "mysql -p sessions")
                        + " # " + t.pick("ok", "retry"),
                t -> t.pick("ffmpeg -i in.mp4 -pass 2 -b:v 2M out.mp4", "7z x backup.7z -o/tmp/restore",
                        "zip -r logs.zip /var/log/px", "sqlcmd -S db.internal -E -Q \"SELECT 1\"",
                        "htpasswd -D /etc/nginx/.htpasswd olduser", "sqlplus / as sysdba"),
                t -> "./migrate --bypass-cache --no-pass --password-file=/run/secrets/db --passes " + t.between(1, 5),
                // netrc-like prose
                t -> "machine learning pipeline " + t.between(1, 9) + ": password policy review scheduled",
                // email: scoped packages, local hosts, SSH remotes, encoded scopes
                t -> "GET https://registry.npmjs.org/%40types%2Fnode/-/node-20." + t.between(1, 30) + ".0.tgz 200",
                t -> "npm i @types/node@20." + t.between(1, 30) + ".0 && git clone git@github.com:px/cli.git",
                // bearer prose and challenges
                t -> "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"",
                t -> "docs: Bearer token-based authentication is required for " + t.pick("/v1", "/v2") + " endpoints",
                // ssn / phone look-alikes without a key
                t -> "order " + t.digits(3) + "-" + t.digits(2) + "-" + t.digits(3) + " zip 94103-" + t.digits(4)
                        + " invoice " + t.between(415, 989) + t.digits(7),
                t -> "ticket 000-" + t.digits(2) + "-" + t.digits(4) + " build 9" + t.digits(2) + "-" + t.digits(2) + "-"
                        + t.digits(4) + " ISBN 978-3-16-" + t.digits(6) + "-" + t.digits(1),
                // percent-encoded URLs without secrets
                t -> "GET /search?q=hello%20world&redirect=%2Fhome%3Ftab%3D" + t.between(1, 9) + "&path=%2Fvar%2Flog 200",
                // JSON with escaped slashes and unicode but no secret
                t -> "{\"url\":\"https:\\/\\/cdn.example.com\\/assets\\/app." + t.hex(8) + ".js\",\"note\":\"caf\\u00e9\"}",
                // HTML entities without an address
                t -> "<p>R&amp;D &lt;beta&gt; build &#35;" + t.between(100, 999) + " &quot;ok&quot;</p>",
                // phones with an international prefix: hex dumps and zero-padded counters
                t -> "0000: 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff  ................ seq=00" + t.digits(6),
                // e-mail obfuscation markers in prose
                t -> "retry (at) most " + t.between(2, 5) + " times; see [at] the bottom of the page");
    }
}
