package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of one failure of one plugin (see docs/diagnostics-fingerprints.md).
 *
 * @param value           {@code v1:} + 32 lowercase hex characters (the first 128 bits of a SHA-256)
 * @param errorType       the exception's class name without module/package ({@code TypeError}, {@code KeyError})
 * @param pluginFrames    the plugin's own frames, innermost first (display; only {@link #keyFrame()} is hashed)
 * @param messageTemplate the message with its variable parts replaced by {@value MessageTemplate#PLACEHOLDER}
 * @param basis           what identifies the failure besides the type: the key frame + template, or the template
 */
public record Fingerprint(String value, String errorType, List<StackFrame> pluginFrames, String messageTemplate,
                          Basis basis) {

    /** {@code FRAMES}: there is an in-plugin frame; {@code MESSAGE}: there is none (timeouts, crashes, no stack). */
    public enum Basis { FRAMES, MESSAGE }

    static final int MAX_TITLE = 120;
    private static final Pattern VALUE = Pattern.compile("v\\d+:[0-9a-f]{32}");

    public Fingerprint {
        Objects.requireNonNull(value, "value");
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a fingerprint value: " + value);
        }
        Objects.requireNonNull(errorType, "errorType");
        pluginFrames = List.copyOf(pluginFrames);
        Objects.requireNonNull(messageTemplate, "messageTemplate");
        Objects.requireNonNull(basis, "basis");
        if (basis == Basis.FRAMES && pluginFrames.isEmpty()) {
            throw new IllegalArgumentException("basis FRAMES needs at least one plugin frame");
        }
    }

    /** The frame the hash covers: the innermost named plugin frame (null for basis MESSAGE). */
    public StackFrame keyFrame() {
        return KeyFrame.select(pluginFrames);
    }

    /** The algorithm version of {@link #value()}, e.g. {@code v1}. */
    public String version() {
        return value.substring(0, value.indexOf(':'));
    }

    /**
     * A short human title (at most {@value #MAX_TITLE} characters): {@code TypeError in increment (index.mjs): Cannot
     * read properties of undefined (reading 'credits')}, or {@code Error: handler "slow" did not finish within <*> ms}
     * without plugin frames.
     */
    public String title() {
        StringBuilder title = new StringBuilder(errorType);
        StackFrame key = keyFrame();
        if (key != null) {
            title.append(" in ").append(key.describe());
        }
        if (!messageTemplate.isEmpty()) {
            title.append(": ").append(messageTemplate);
        }
        return Text.truncate(title.toString(), MAX_TITLE);
    }
}
