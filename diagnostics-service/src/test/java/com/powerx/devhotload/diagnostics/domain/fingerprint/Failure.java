package com.powerx.devhotload.diagnostics.domain.fingerprint;

/** One recorded plugin failure: what the harness reported as {@code error.name}, {@code .message}, {@code .stack}. */
record Failure(String type, String message, String stack) {

    Fingerprint fingerprint(String pluginId) {
        return new Fingerprinter().fingerprint(pluginId, type, message, stack);
    }

    /** The same failure with other data in its message (and stack head), as another occurrence would have. */
    Failure withData(String from, String to) {
        return new Failure(type, message.replace(from, to), stack.replace(from, to));
    }

    /** As a sandbox in another temp directory or session would report it. */
    Failure inDirectory(String from, String to) {
        return new Failure(type, message, stack.replace(from, to));
    }
}
