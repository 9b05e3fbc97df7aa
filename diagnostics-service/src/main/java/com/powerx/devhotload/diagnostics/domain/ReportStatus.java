package com.powerx.devhotload.diagnostics.domain;

import java.util.Locale;

/** A report task's state (CONTRACT.md §7): pending → collecting → masking → ready | failed. */
public enum ReportStatus {
    PENDING, COLLECTING, MASKING, READY, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == READY || this == FAILED;
    }

    public static ReportStatus fromWire(String value) {
        for (ReportStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown report status '" + value + "'");
    }
}
