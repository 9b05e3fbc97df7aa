package com.powerx.devhotload.sandbox.service;

/**
 * Another instance owns the session now (it adopted the sandbox after this one's lease ran out): this instance must
 * not write or report anything more for it, and lets its local process go.
 */
public class OwnershipLostException extends RuntimeException {

    public OwnershipLostException(String sessionId) {
        super("session " + sessionId + " is owned by another instance now", null, false, false);
    }
}
