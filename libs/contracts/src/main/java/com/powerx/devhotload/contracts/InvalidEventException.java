package com.powerx.devhotload.contracts;

/** An event or payload that breaks the contract: malformed JSON, a missing required field, a value out of range. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
