package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes the fingerprint of a plugin failure (docs/diagnostics-fingerprints.md): one value for the same failure
 * of one plugin across reloads, sessions and versions, different values for different failures.
 *
 * <p>{@code v1} hashes the plugin id, the error type, and then either the key frame (the innermost named in-plugin
 * frame: file basename + function) and the message template, or, without in-plugin frames, the template alone.
 * Stateless and thread-safe; pure (no I/O).
 */
public final class Fingerprinter {

    /** The algorithm version, the prefix of every value. A change to what is hashed needs a new version. */
    public static final String VERSION = "v1";
    /** How many in-plugin frames a fingerprint keeps for display (the innermost ones). */
    static final int MAX_FRAMES = 50;
    private static final int HASH_HEX_CHARS = 32;

    public Fingerprinter() {
    }

    /**
     * @param pluginId  the plugin (part of the hash: fingerprints are per plugin); not blank
     * @param errorType the exception class ({@code TypeError}, {@code KeyError}); null: read from the stack's or the
     *                  message's head, else {@code Error}
     * @param message   the masked message; null or empty: the stack's head message
     * @param stack     the masked stack trace as the harness reports it; may be null or empty
     */
    public Fingerprint fingerprint(String pluginId, String errorType, String message, String stack) {
        if (Text.isBlank(pluginId)) {
            throw new IllegalArgumentException("pluginId must not be blank");
        }
        ParsedStack parsed = StackParser.parse(stack);
        String type = ErrorTypes.resolve(errorType, parsed.headType(), message);
        String text = Text.isBlank(message) ? parsed.headMessage() : message;
        String template = MessageTemplate.of(ErrorTypes.stripType(text, type));
        List<StackFrame> frames = parsed.pluginFrames(MAX_FRAMES);
        Fingerprint.Basis basis = frames.isEmpty() ? Fingerprint.Basis.MESSAGE : Fingerprint.Basis.FRAMES;
        String value = VERSION + ":" + hash(pluginId, type, basis, KeyFrame.select(frames), template);
        return new Fingerprint(value, type, frames, template, basis);
    }

    /** Each field is length-prefixed, so no two different field lists hash the same text. */
    private static String hash(String pluginId, String type, Fingerprint.Basis basis, StackFrame key, String template) {
        MessageDigest sha256 = sha256();
        for (String field : fields(pluginId, type, basis, key, template)) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, HASH_HEX_CHARS);
    }

    private static List<String> fields(String pluginId, String type, Fingerprint.Basis basis, StackFrame key,
                                       String template) {
        if (basis == Fingerprint.Basis.FRAMES) {
            return List.of(VERSION, pluginId, type, basis.name(), key.file(), key.function(), template);
        }
        return List.of(VERSION, pluginId, type, basis.name(), template);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
