package com.powerx.devhotload.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of text that must stay readable, verbatim. */
class OrdinaryTextTest {

    private static final MaskingEngine ENGINE = MaskingEngine.withDefaultRules();

    @ParameterizedTest
    @ValueSource(strings = {
        "User authenticated",
        "token expired",
        "password reset requested for user id 42",
        "secret santa",
        "Bearer",
        "550e8400-e29b-41d4-a716-446655440000",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "version 1.2.3",
        "semver 2.0.0-rc.1+build.5",
        "2026-11-22T10:15:30.123Z",
        "epoch 1732272930123",
        "took 1.5s (PT1M30S)",
        "GET /api/v1/users/42/orders?page=2 200",
        "\tat com.powerx.devhotload.auth.TokenService.refresh(TokenService.java:128)",
        "  File \"/app/auth/password.py\", line 42, in check_password",
        "    at Object.<anonymous> (/app/src/token.js:10:5)",
        "offset=1234567890 partition=3",
        "request_id=8f14e45f-ceea-467a-9575-3c5d2b6d1a2e",
        "order 4111111111111112 rejected",
        "listening on port 8080",
        "connect 127.0.0.1:5432 and [::1]:6379 and 0.0.0.0:8080",
        "password=",
        "password: null",
        "token: true",
        "api_key=***",
        "secret=[REDACTED:generic-secret-kv]",
        "password: ${DB_PASSWORD}",
        "The token and the password are required",
        "token_type=Bearer expires_in=3600",
    })
    void staysByteForByteIdentical(String text) {
        MaskResult r = ENGINE.mask(text);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.redactions()).isZero();
        assertThat(ENGINE.verifier().isClean(text)).isTrue();
    }
}
