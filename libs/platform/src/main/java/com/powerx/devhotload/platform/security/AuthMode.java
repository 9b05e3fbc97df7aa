package com.powerx.devhotload.platform.security;

/** {@code PX_AUTH_MODE} (CONTRACT.md §2). */
public enum AuthMode {
    /** Loopback requests without credentials act as tenant "local" with every permission; local dev tokens accepted. */
    LOCAL,
    /** Bearer JWTs verified by quarkus-oidc; nothing is implied by the caller's address. */
    OIDC
}
