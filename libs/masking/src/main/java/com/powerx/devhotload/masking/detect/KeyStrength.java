package com.powerx.devhotload.masking.detect;

/** How strongly a key name implies that its value is a secret. */
public enum KeyStrength {
    /** Not a secret-bearing key. */
    NONE,
    /** Any non-trivial value is a secret: password, token, api_key, client_secret... */
    STRONG,
    /** Session identifiers: secret when long enough to be a real session id. */
    SESSION,
    /** Ambiguous names (key, auth, signature): secret only when the value looks random. */
    WEAK
}
