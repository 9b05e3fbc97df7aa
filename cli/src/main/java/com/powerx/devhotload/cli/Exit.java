package com.powerx.devhotload.cli;

/** The process exit codes of CONTRACT §11. */
public final class Exit {

    public static final int OK = 0;
    /** Validation or usage error: bad manifest, bad option, file over the limit. */
    public static final int INVALID = 1;
    /** The API answered with an error. */
    public static final int API = 2;
    /** The API could not be reached. */
    public static final int UNREACHABLE = 3;

    private Exit() {
    }
}
