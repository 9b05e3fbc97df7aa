package com.powerx.devhotload.masking.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Hard negatives for the widened detectors: identifiers, hashes and encodings that look like tokens (git SHAs,
 * digests, lockfile integrity strings, UUIDs, ULIDs, base58 ids, Go module sums, docker digests, trace ids, base64
 * image data, build versions), plus near-misses of each new format (a ConfigMap's data, a Heroku router log's
 * request id, Twilio message SIDs, dotted Java names, port flags, {@code %40types}). Every one must come out
 * byte-for-byte unchanged.
 */
public final class HardNegativeCorpus {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private HardNegativeCorpus() {
    }

    /** {@code perTemplate} cases from every template, seeded. */
    public static List<CorpusCase> generate(long seed, int perTemplate) {
        Tokens t = new Tokens(seed);
        List<Function<Tokens, String>> templates = new ArrayList<>(identifiers());
        templates.addAll(nearMisses());
        List<CorpusCase> out = new ArrayList<>();
        for (int k = 0; k < templates.size(); k++) {
            for (int i = 0; i < perTemplate; i++) {
                out.add(CorpusCase.negative("hard-negative/" + k + "#" + i, templates.get(k).apply(t)));
            }
        }
        return out;
    }

    private static List<Function<Tokens, String>> identifiers() {
        return List.of(
                t -> "commit " + t.hex(40) + "\nMerge: " + t.hex(7) + " " + t.hex(7) + "\nAuthor: release-bot",
                t -> t.hex(64) + "  session-service-1.4.2-runner.jar",
                t -> "SHA512 (px-cli-" + t.between(1, 9) + ".0.0.tar.gz) = " + t.hex(128),
                t -> "    \"integrity\": \"sha512-" + t.base64(86) + "==\",",
                t -> "  integrity sha512-" + t.base64(86) + "==",
                t -> "  resolution: {integrity: sha512-" + t.base64(86) + "==}",
                t -> "\"integrity\": \"sha1-" + t.base64(27) + "=\"",
                t -> "<script src=\"/app.js\" integrity=\"sha384-" + t.base64(64) + "\" crossorigin=\"anonymous\">",
                t -> "golang.org/x/" + t.pick("text", "net", "sys") + " v0." + t.between(1, 30) + ".0 h1:" + t.base64(43) + "=",
                t -> "image=registry.internal/px/session@sha256:" + t.hex(64),
                t -> "traceparent: 00-" + t.hex(32) + "-" + t.hex(16) + "-01",
                t -> "X-Request-Id: " + t.uuid() + " X-Amz-Cf-Id: " + t.base64Url(56) + "==",
                t -> "  uid: " + t.uuid() + "\n  resourceVersion: \"" + t.between(100000, 9999999) + "\"",
                t -> "event " + t.chars(CROCKFORD, 26) + " stored in partition " + t.between(0, 11),
                t -> "pinned " + "Qm" + t.chars(BASE58, 44) + " to ipfs, owner " + t.chars(BASE58, 44),
                t -> "kafka consumer group=ingest topic=logs partition=" + t.between(0, 11) + " offset="
                        + t.between(1000000, 99999999) + " key=session-" + t.between(1, 9999),
                t -> "version " + t.between(1, 9) + "." + t.between(0, 20) + "." + t.between(0, 9) + "-rc." + t.between(1, 9)
                        + "+build." + t.hex(8) + " (" + t.pick("linux/amd64", "darwin/arm64") + ")",
                t -> "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + t.base64(240) + "==\"/>",
                t -> "payload=" + b64("{\"event\":\"push\",\"ref\":\"refs/heads/main\",\"n\":" + t.between(1, 99) + "}")
                        + " size=" + t.between(50, 500),
                t -> "twilio message SM" + t.hex(32) + " delivered, call CA" + t.hex(32) + " completed",
                t -> "mongo _id ObjectId(\"" + t.hex(24) + "\") updated",
                t -> "stripe customer cus_" + t.alnum(14) + " payment pi_" + t.alnum(24) + " publishable pk_live_" + t.alnum(99),
                t -> "ETag: W/\"" + t.hex(40) + "\"\nContent-MD5: " + t.base64(22) + "==",
                t -> "sentry event_id=" + t.hex(32) + " release=px@" + t.between(1, 9) + "." + t.between(0, 9) + ".0",
                t -> "x-amz-request-id: " + t.upperDigits(16) + "\nx-amz-id-2: " + t.base64(76));
    }

    private static List<Function<Tokens, String>> nearMisses() {
        List<Function<Tokens, String>> l = new ArrayList<>(NearMissSamples.formats());
        l.addAll(NearMissSamples.contexts());
        return l;
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
