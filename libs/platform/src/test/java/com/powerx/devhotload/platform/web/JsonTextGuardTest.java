package com.powerx.devhotload.platform.web;

import com.powerx.devhotload.platform.api.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextGuardTest {

    @Test
    void refusesWhatPostgresCannotStore() {
        for (String json : new String[] {
                "{\"a\":\"x\\u0000y\"}",          // escaped NUL
                "{\"a\":\"x\u0000y\"}",            // raw NUL byte
                "{\"a\":\"\\ud83d\"}",             // high surrogate alone
                "{\"a\":\"\\ud83dx\"}",            // high surrogate, then a plain character
                "{\"a\":\"\\ud83d\\n\"}",          // high surrogate, then another escape
                "{\"a\":\"\\ude00\"}",             // low surrogate alone
                "[\"\\uD83D\\uD83D\\uDE00\"]",     // two highs, one low
                "\"\\ud83d"}) {                    // high surrogate at the very end
            assertThatThrownBy(() -> JsonTextGuard.check(bytes(json))).as(json)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.reasonCode()).isEqualTo("invalid_characters");
                    });
        }
    }

    @Test
    void letsEveryOtherTextThrough() {
        for (String json : new String[] {
                "{\"a\":\"\\\\u0000 is how NUL is written\"}",  // an escaped backslash, then text
                "{\"a\":\"\\ud83d\\ude00 and \\uD83D\\uDE00\"}", // surrogate pairs, either case
                "{\"a\":\"plain \u00e9\u4e2d\uD83D\uDE00\"}",     // raw UTF-8, 2-, 3- and 4-byte
                "{\"a\":\"\\u0001\\u001f\\u202e\\\"\\t\"}",      // other escapes are text like any other
                "{\"a\":\"\\u12\"}",                              // a bad escape is the parser's to refuse
                "{\"a\":\"x\\"}) {                                // truncated: the parser's too
            assertThatCode(() -> JsonTextGuard.check(bytes(json))).as(json).doesNotThrowAnyException();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
