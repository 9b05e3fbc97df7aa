package com.powerx.devhotload.cli;

/**
 * A failure the user is told about in one line: what happened, the server's error code if any, and what to do next.
 * Everything the CLI throws on purpose is one of these; the top-level handler turns anything else into one too.
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final String errorCode;
    private final String nextStep;
    private transient Object details;

    public CliException(int exitCode, String errorCode, String message, String nextStep) {
        super(message);
        this.exitCode = exitCode;
        this.errorCode = errorCode;
        this.nextStep = nextStep;
    }

    /** A problem with what the user gave: a manifest, an option, a file (exit 1). */
    public static CliException invalid(String message, String nextStep) {
        return new CliException(Exit.INVALID, "CLI_INVALID", message, nextStep);
    }

    /** The API was reached but the call failed (exit 2). */
    public static CliException api(String errorCode, String message, String nextStep) {
        return new CliException(Exit.API, errorCode, message, nextStep);
    }

    /** The API could not be reached at all (exit 3). */
    public static CliException unreachable(String message, String nextStep) {
        return new CliException(Exit.UNREACHABLE, "CLI_UNREACHABLE", message, nextStep);
    }

    /** Attaches the server's {@code details} (e.g. the conflicting session of a 409). */
    public CliException withDetails(Object value) {
        this.details = value;
        return this;
    }

    public Object details() {
        return details;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The server's {@code error_code} (e.g. {@code DEV_SESSION_ENDED}) or a {@code CLI_*} code of the CLI's own. */
    public String errorCode() {
        return errorCode;
    }

    /** What the user can do about it; may be null. */
    public String nextStep() {
        return nextStep;
    }

    /** The whole line as people read it: {@code <message> [<code>] — <next step>}. */
    public String oneLine() {
        StringBuilder line = new StringBuilder(getMessage());
        if (errorCode != null && !errorCode.startsWith("CLI_")) {
            line.append(" [").append(errorCode).append(']');
        }
        if (nextStep != null && !nextStep.isBlank()) {
            line.append(" — ").append(nextStep);
        }
        return line.toString().replace('\n', ' ');
    }
}
