package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.List;

/**
 * What a stack trace says: the exception head ({@code TypeError: message}) and every frame, innermost first (python
 * prints outermost first; parsers reverse it so both runtimes read the same way).
 *
 * @param headType    the type named by the head, as printed ({@code json.decoder.JSONDecodeError}); null if none
 * @param headMessage the head's message (may span lines); null if none
 * @param frames      all frames, runtime and plugin, innermost first
 */
record ParsedStack(String headType, String headMessage, List<StackFrame> frames) {

    static final ParsedStack EMPTY = new ParsedStack(null, null, List.of());

    ParsedStack {
        frames = List.copyOf(frames);
    }

    /** The in-plugin frames, innermost first, at most {@code max} of them (the innermost ones). */
    List<StackFrame> pluginFrames(int max) {
        return frames.stream().filter(StackFrame::inPlugin).limit(max).toList();
    }
}
