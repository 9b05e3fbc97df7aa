package com.powerx.devhotload.masking.rules;

/** A rule file that cannot be used; the message names the file and, where it applies, the rule. */
public class RuleFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a complete, human-readable message. */
    public RuleFileException(String message) {
        super(message);
    }

    /** Creates the exception with a cause (I/O or YAML syntax). */
    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
