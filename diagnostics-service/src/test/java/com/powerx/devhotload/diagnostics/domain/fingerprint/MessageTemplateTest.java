package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Data becomes {@code <*>}, code stays: one row per kind of variable part, and per code-like token kept. */
class MessageTemplateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            # data
            e-mail          | mail to ann.lee+x@example.co.uk bounced         | mail to <*> bounced
            url             | GET https://api.example.com/v2/users?id=7 failed | GET <*> failed
            host            | getaddrinfo ENOTFOUND db-7.prod.internal        | getaddrinfo ENOTFOUND <*>
            ipv4 and port   | connect ECONNREFUSED 10.0.0.5:5432              | connect ECONNREFUSED <*>:<*>
            ipv6            | connect ECONNREFUSED 2001:db8::8a2e:370:7334     | connect ECONNREFUSED <*>
            uuid            | order 5714b27c-58c9-4ec8-8af2-499b0e6ac88c gone | order <*> gone
            hex id          | request 9f86d081884c7d65 failed                 | request <*> failed
            git sha         | commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 | commit <*>
            address         | segfault at 0x7ffd5e3c                          | segfault at <*>
            random id       | session x9K2m4P7q1Z8w3L5 expired                | session <*> expired
            iso timestamp   | expired at 2023-11-14T22:13:20.000Z             | expired at <*>
            date and time   | expired at 2024-01-02 10:00:00 UTC              | expired at <*> UTC
            js date         | at Tue Jan 02 2024 10:00:00 GMT+0100 (Central European Standard Time) | at <*>
            http date       | retry after Tue, 02 Jan 2024 10:00:00 GMT       | retry after <*>
            epoch millis    | stale since 1700000000000                       | stale since <*>
            duration        | query took 12ms                                 | query took <*>
            spaced duration | did not finish within 10000 ms                  | did not finish within <*> ms
            decimal         | took 1.25s of 0.5s                              | took <*> of <*>
            negative        | invalid amount -5                               | invalid amount <*>
            size            | body of 10MB exceeds 5MB                        | body of <*> exceeds <*>
            quoted number   | Cannot read properties of undefined (reading '0') | Cannot read properties of undefined (reading '<*>')
            numbered key    | no row user_42                                  | no row user_<*>
            file url        | Cannot find module file:///tmp/px-sandbox-x1/sessions/s/v3/lib/a.mjs | Cannot find module a.mjs
            quoted path     | Cannot find module '/tmp/px-sandbox-x1/sessions/s/v3/lib/a.mjs' imported from /tmp/px-sandbox-x1/sessions/s/v3/index.mjs | Cannot find module 'a.mjs' imported from index.mjs
            path with line  | at /tmp/px-sandbox-9/sessions/s/v2/index.mjs:7:27 | at index.mjs:<*>:<*>
            # masking markers
            mask            | password ****                                   | password <*>
            mask with key   | AccountKey=**** rejected                        | AccountKey=<*> rejected
            kept prefix     | token ghp_**** revoked                          | token <*> revoked
            hash            | user [HASH:6f05cafcb914] unknown                | user <*> unknown
            redacted        | token [REDACTED:jwt] expired                    | token <*> expired
            masked ip port  | connect ECONNREFUSED [HASH:6f05cafcb914]:5432   | connect ECONNREFUSED <*>:<*>
            masked in url   | POST https://hooks.slack.com/services/**** failed | POST <*> failed
            # code
            quoted ident    | Cannot read properties of undefined (reading 'credits') | Cannot read properties of undefined (reading 'credits')
            errno names     | connect ETIMEDOUT                               | connect ETIMEDOUT
            error code      | E1001: card declined                            | E1001: card declined
            node code       | ERR_MODULE_NOT_FOUND for lodash                 | ERR_MODULE_NOT_FOUND for lodash
            http status     | GET failed: HTTP 404                            | GET failed: HTTP 404
            http version    | HTTP/1.1 503 from upstream                      | HTTP/1.1 503 from upstream
            status code     | Request failed with status code 500             | Request failed with status code 500
            statusCode      | bad reply statusCode=429 after 3 tries          | bad reply statusCode=429 after <*> tries
            reason phrase   | upstream said 502 Bad Gateway                   | upstream said 502 Bad Gateway
            exit code       | plugin exited with code 137                     | plugin exited with code 137
            returned status | upstream returned 404                           | upstream returned 404
            responded with  | api responded with a 503 for /v1/x              | api responded with a 503 for x
            count not status | got 250 rows                                   | got <*> rows
            errno number    | read failed errno -104                          | read failed errno -104
            oracle code     | ORA-00942: table or view does not exist         | ORA-00942: table or view does not exist
            version-like    | needs utf8 and sha256 and v2                    | needs utf8 and sha256 and v2
            suffix digits   | handler2 is not a function                      | handler2 is not a function
            """)
    void template(String kind, String message, String expected) {
        assertThat(MessageTemplate.of(message)).isEqualTo(expected);
    }

    @Test
    void blanksAreNormalisedAndRunsOfDataCollapse() {
        assertThat(MessageTemplate.of("  a \t b\n\nc  ")).isEqualTo("a b c");
        assertThat(MessageTemplate.of("ids 1 2 3 4 done")).isEqualTo("ids <*> done");
        assertThat(MessageTemplate.of(null)).isEmpty();
        assertThat(MessageTemplate.of(" ")).isEmpty();
    }

    @Test
    void aLongChunkIsOneDatum() {
        String blob = "{\"user\":\"" + "x".repeat(300) + "\"}";
        assertThat(MessageTemplate.of("bad payload " + blob + " rejected")).isEqualTo("bad payload <*> rejected");
    }

    @Test
    void privateUseCharactersInTheInputCannotForgeProtectedDigits() {
        assertThat(MessageTemplate.of("x \uE004\uE000\uE004 y")).isEqualTo("x \uFFFD\uFFFD\uFFFD y");
    }

    @Test
    void inputIsCutBeforeTemplating() {
        String message = "boom ".repeat(2000) + "tail";
        assertThat(MessageTemplate.of(message)).doesNotContain("tail").hasSizeLessThanOrEqualTo(MessageTemplate.MAX_INPUT);
    }
}
