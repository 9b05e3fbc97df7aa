package com.powerx.devhotload.masking.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Programmatically generated negative cases: ordinary log lines, ids, hashes, UUIDs, versions, timestamps,
 * durations, paths, stack traces and key-only mentions that must come out byte-for-byte unchanged.
 */
public final class NegativeCorpus {

    private NegativeCorpus() {
    }

    /** {@code perTemplate} cases from every template, seeded. */
    public static List<CorpusCase> generate(long seed, int perTemplate) {
        Tokens t = new Tokens(seed);
        List<Function<Tokens, String>> templates = templates();
        List<CorpusCase> out = new ArrayList<>();
        for (int k = 0; k < templates.size(); k++) {
            for (int i = 0; i < perTemplate; i++) {
                out.add(CorpusCase.negative("gen:negative/" + k + "#" + i, templates.get(k).apply(t)));
            }
        }
        return out;
    }

    private static String ts(Tokens t) {
        return "2026-" + t.pick("01", "06", "11", "12") + "-" + t.between(10, 28) + "T" + t.between(10, 23) + ":"
                + t.between(10, 59) + ":" + t.between(10, 59) + "." + t.digits(3) + t.pick("Z", "+01:00", "-05:00", "");
    }

    private static String level(Tokens t) {
        return t.pick("INFO ", "DEBUG", "WARN ", "ERROR", "TRACE");
    }

    private static String svc(Tokens t) {
        return t.pick("session-service", "sandbox-orchestrator", "stream-gateway", "diagnostics-service",
                "ticket-bridge", "telemetry-ingest");
    }

    private static String cls(Tokens t) {
        return "com.powerx.devhotload." + t.pick("session.SessionResource", "sandbox.PodLauncher",
                "stream.GatewayHandler", "diag.ReportBuilder", "ticket.JiraBridge", "auth.TokenService",
                "auth.PasswordPolicy", "crypto.KeyRotation", "telemetry.MetricsSink");
    }

    private static List<Function<Tokens, String>> templates() {
        List<Function<Tokens, String>> l = new ArrayList<>();
        l.add(t -> ts(t) + " " + level(t) + " [" + svc(t) + "] " + cls(t) + " - User authenticated userId="
                + t.between(1, 99999) + " requestId=" + t.uuid());
        l.add(t -> ts(t) + " INFO  token expired for user id " + t.between(1, 9999) + ", refreshing");
        l.add(t -> ts(t) + " INFO  password reset requested for user id " + t.between(1, 999));
        l.add(t -> "secret santa draw completed: " + t.between(3, 40) + " participants");
        l.add(t -> ts(t) + " WARN  Authorization header missing on GET /api/v1/sessions/" + t.uuid());
        l.add(t -> "Invalid password: must be at least " + t.between(8, 16) + " characters long");
        l.add(t -> "GET /api/v1/users/" + t.between(1, 99999) + "/orders?page=" + t.between(1, 9) + "&size=50 200 "
                + t.between(1, 900) + "ms");
        l.add(t -> "commit " + t.hex(40) + " merged into main by " + t.pick("release-bot", "ci"));
        l.add(t -> "image digest sha256:" + t.hex(64) + " pushed");
        l.add(t -> "ETag: \"" + t.hex(32) + "\"");
        l.add(t -> "kafka consumer topic=orders partition=" + t.between(0, 11) + " offset=" + t.between(0, 99999999)
                + " lag=" + t.between(0, 500));
        l.add(t -> "epoch=" + (1700000000000L + t.random().nextInt(1_000_000_000)) + " took=" + t.between(1, 999)
                + "ms duration=PT" + t.between(1, 59) + "." + t.between(1, 9) + "S");
        l.add(t -> "version " + t.between(0, 9) + "." + t.between(0, 30) + "." + t.between(0, 99) + " ("
                + t.pick("semver 2.0.0-rc.1+build.5", "node v20.11.1", "release 2026.11.1", "jdk 21.0.5+11-LTS") + ")");
        l.add(t -> "listening on port " + t.pick("8080", "8443", "5432", "6379", "9092") + " bound to "
                + t.pick("0.0.0.0", "127.0.0.1", "localhost", "[::1]", "::"));
        l.add(t -> "\tat " + cls(t) + "." + t.pick("refresh", "validate", "encode", "apply") + "("
                + t.pick("TokenService", "PasswordEncoder", "SecretStore", "ApiKeyFilter") + ".java:" + t.between(10, 900) + ")");
        l.add(t -> "Caused by: java.lang.IllegalStateException: token expired at " + ts(t));
        l.add(t -> "  File \"/app/" + t.pick("auth/password.py", "api/token.py", "core/secrets.py") + "\", line "
                + t.between(1, 500) + ", in " + t.pick("check_password", "refresh_token", "load_secret"));
        l.add(t -> "    at Object.<anonymous> (/app/src/" + t.pick("token", "password", "apiKey") + ".js:" + t.between(1, 99)
                + ":" + t.between(1, 80) + ")");
        l.add(t -> "order number " + t.nonLuhnCard() + " shipped");
        l.add(t -> "pod/" + svc(t) + "-" + t.hex(10) + "-" + t.chars(Tokens.LOWER + Tokens.DIGITS, 5) + " Running 0 "
                + t.between(1, 59) + "m");
        l.add(t -> "cache key user:" + t.between(1, 9999) + ":profile " + t.pick("hit", "miss") + " in " + t.between(1, 9) + "ms");
        l.add(t -> "idempotency key " + t.uuid() + " reused");
        l.add(t -> "llm usage max_tokens=" + t.between(256, 4096) + " prompt_tokens=" + t.between(1, 999)
                + " completion_tokens=" + t.between(1, 999));
        l.add(t -> "{\"token_type\":\"Bearer\",\"expires_in\":" + t.between(300, 86400) + ",\"scope\":\"read write\"}");
        l.add(t -> "password_policy=strong min_length=" + t.between(8, 16) + " passwordless=" + t.pick("true", "false"));
        l.add(t -> "tokenizer=cl100k_base vocab=" + t.between(10000, 99999));
        l.add(t -> "secret_name=prod/" + svc(t) + "/db rotation_days=" + t.between(7, 90));
        l.add(t -> "DB_PASSWORD=${DB_PASSWORD} API_TOKEN=${API_TOKEN:-}");
        l.add(t -> t.pick("password: null", "token=", "api_key=***", "password=[REDACTED]", "secret: true",
                "client_secret: \"\"", "password=******", "token: <redacted>", "apiKey: ${API_KEY}",
                "password: !vault |", "PASSWORD=%DB_PASS%", "secret=none"));
        l.add(t -> "took " + t.between(1, 59) + "." + t.digits(3) + "s, retry in " + t.between(1, 30) + "s ("
                + t.between(1, 5) + "h" + t.between(1, 59) + "m)");
        l.add(t -> "document " + t.hex(24) + " updated by " + t.chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26));
        l.add(t -> "writing /var/log/" + svc(t) + "/" + t.between(2024, 2026) + "-11-" + t.between(10, 28) + ".log ("
                + t.between(1, 999) + " KiB)");
        l.add(t -> "HTTP/1.1 " + t.pick("200 OK", "404 Not Found", "503 Service Unavailable") + "\r\nContent-Type: application/json\r\nContent-Length: "
                + t.between(1, 99999) + "\r\nX-Request-Id: " + t.uuid());
        l.add(t -> "SELECT id, email_verified FROM users WHERE id = " + t.between(1, 99999) + " LIMIT 1");
        l.add(t -> "http_requests_total{method=\"GET\",status=\"" + t.pick("200", "500") + "\"} " + t.between(1, 99999)
                + " " + (1700000000000L + t.random().nextInt(1_000_000_000)));
        l.add(t -> "report for " + t.between(1, 28) + "/11/2026 generated at " + t.between(10, 23) + ":" + t.between(10, 59)
                + " (Nov " + t.between(1, 28) + ", 2026 " + t.between(1, 12) + ":" + t.between(10, 59) + " AM)");
        l.add(t -> "process exited with exit code " + t.pick("0", "1", "137", "143") + ", status code " + t.pick("200", "503"));
        l.add(t -> "npm install lodash@4.17." + t.between(1, 21) + " @types/node@20.11." + t.between(1, 30));
        l.add(t -> "git remote add origin git@github.com:powerx/" + t.pick("devhotload", "masking") + ".git");
        l.add(t -> "Processing " + t.between(1000, 9999999) + " records in batch " + t.between(1, 99) + " of "
                + t.between(100, 999));
        l.add(t -> "ISBN 978-3-16-" + t.digits(6) + "-" + t.digits(1) + " referenced");
        l.add(t -> "OID 1.3.6.1.4.1." + t.between(1, 99999) + "." + t.between(1, 9) + " and v" + t.between(1, 9) + "."
                + t.between(0, 9) + "." + t.between(0, 9) + "." + t.between(0, 9));
        l.add(t -> "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0." + t.between(1000, 6999) + "."
                + t.between(100, 999));
        l.add(t -> "thread-" + t.between(1, 64) + " pid=" + t.between(100, 65535) + " heap=" + t.between(128, 4096) + "MiB gc="
                + t.between(1, 99) + "ms");
        l.add(t -> "Bearer");
        l.add(t -> "auth: " + t.pick("ok", "success", "failed", "none", "required"));
        l.add(t -> "the key was rotated at " + ts(t) + " by " + t.pick("ops", "vault-agent"));
        l.add(t -> "Luhn-valid but not a card: 1234567812345670 and " + (t.between(100000, 999999)));
        l.add(t -> "build " + t.between(2024, 2026) + "-" + t.between(10, 12) + "-" + t.between(10, 28) + " "
                + t.between(10, 23) + ":" + t.between(10, 59) + ":" + t.between(10, 59) + " sha=" + t.hex(7));
        l.add(t -> "sandbox " + t.chars(Tokens.LOWER, 8) + " started in " + t.between(100, 9999) + "ms (cpu="
                + t.between(1, 8) + " mem=" + t.between(256, 8192) + "Mi)");
        l.add(t -> "jwt verification skipped: no token present (realm=" + t.pick("dev", "staging") + ")");
        l.add(t -> "Set-Cookie header absent; cookie consent banner shown");
        l.add(t -> "key_id=" + t.between(1, 99) + " algorithm=RS256 key length " + t.pick("2048", "4096") + " bits");
        l.add(t -> "ULID " + t.chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26) + " assigned to ticket PX-" + t.between(100, 9999));
        l.add(t -> "timezone offset +" + t.pick("01:00", "05:30", "10:00") + " applied to " + ts(t));
        l.add(t -> "mac " + t.hex(2) + ":" + t.hex(2) + ":" + t.hex(2) + ":" + t.hex(2) + ":" + t.hex(2) + ":" + t.hex(2)
                + " link up at 10:" + t.between(10, 59) + ":" + t.between(10, 59));
        l.add(t -> "std::vector<int> size " + t.between(1, 99) + "; Foo::Bar::baz() returned " + t.between(0, 9));
        l.add(t -> "base64 payload size=" + t.between(100, 999) + " encoding=utf-8 content-md5 checked");
        l.add(t -> "C:\\Program Files\\PowerX\\config\\" + t.pick("app.yaml", "secrets.example.yaml") + " loaded");
        l.add(t -> "rate limit " + t.between(10, 999) + "/min exceeded for tenant " + t.between(1, 999) + ", retry-after=" + t.between(1, 60));
        return l;
    }
}
