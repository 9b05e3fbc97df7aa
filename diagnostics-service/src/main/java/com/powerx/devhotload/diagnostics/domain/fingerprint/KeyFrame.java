package com.powerx.devhotload.diagnostics.domain.fingerprint;

import java.util.List;

/**
 * Picks the one frame a fingerprint hashes. The innermost in-plugin frame is where the plugin's code failed, so
 * two call paths into the same failing helper keep one identity; anonymous functions have no stable identity of
 * their own (V8 prints nothing, python 3.12 inlines {@code <listcomp>} frames that 3.11 shows), so they are skipped
 * in favour of the nearest named caller. Only a stack whose plugin frames are all anonymous uses the innermost one.
 */
final class KeyFrame {

    private KeyFrame() {
    }

    /** @param pluginFrames in-plugin frames, innermost first; returns null when there are none */
    static StackFrame select(List<StackFrame> pluginFrames) {
        for (StackFrame frame : pluginFrames) {
            if (!frame.anonymous()) {
                return frame;
            }
        }
        return pluginFrames.isEmpty() ? null : pluginFrames.get(0);
    }
}
