package com.powerx.devhotload.masking.detect;

/** Receives detected secret spans; the engine decides overlaps and renders replacements. */
@FunctionalInterface
public interface MatchSink {

    /**
     * Reports the secret span {@code [start, end)}.
     *
     * @param keep length of a public, non-secret marker at the start of the span (e.g. {@code ghp_}) that the
     *             {@code mask} action may keep; 0 when nothing is public
     */
    void add(int start, int end, int keep);
}
