package com.powerx.devhotload.cli.bundle;

/** One violation of the publishing rules: where ({@code $.permissions[1]} or a file path) and what is wrong. */
public record LintProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
