package com.powerx.devhotload.diagnostics.domain;

import java.time.Instant;

/** The span of time a report reads evidence from, both ends included. */
public record ReportWindow(Instant from, Instant to) {

    public ReportWindow {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a window needs both ends");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window.to is before window.from");
        }
    }
}
