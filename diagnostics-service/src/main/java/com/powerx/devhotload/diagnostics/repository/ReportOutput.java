package com.powerx.devhotload.diagnostics.repository;

/** A finished, verified report in its three forms, as it is stored. */
public record ReportOutput(String fingerprint, String title, String summary, String json, String markdown, byte[] bundle,
                           long generationMs, Long reloadSequence, String buildHash) {
}
