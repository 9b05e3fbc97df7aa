package com.powerx.devhotload.masking.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a key name (JSON field, env var, header, property, CLI flag) names a secret.
 *
 * <p>Keys are split into words on {@code _ - .} and camelCase boundaries and matched word by word, so
 * {@code DB_PASSWORD}, {@code githubToken}, {@code x-api-key} and {@code spring.datasource.password} are all
 * recognised, while {@code tokenizer}, {@code bypass}, {@code token_type} and {@code PasswordEncoder.java} are not.
 */
public final class KeyClassifier {

    private static final Set<String> STRONG_WORDS = Set.of(
            "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "secrets", "token",
            "apikey", "credentials", "credential", "creds", "privatekey", "accesskey", "secretkey", "clientsecret",
            "authtoken", "accesstoken", "refreshtoken", "idtoken", "apitoken", "bearertoken", "csrftoken",
            "xsrftoken", "masterkey", "encryptionkey", "signingkey", "sessiontoken", "securitytoken", "pw",
            // environment variables and config keys that hold a password under a tool's own name
            "sshpass", "bindpw", "rootpw",
            // "password" in other languages (ASCII spellings): de, es, pt, nl, fr, fi, hr/sr, cs/pl, hu, tr, no, sv, da
            "passwort", "kennwort", "contrasena", "contrasenha", "senha", "wachtwoord", "motdepasse", "passe",
            "salasana", "lozinka", "heslo", "haslo", "jelszo", "sifre", "passord", "losenord", "adgangskode");

    /** Roots that make a single lower/upper-case word strong even when glued to a prefix (dbpassword). */
    private static final String[] STRONG_SUFFIXES = {
        "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey",
        "clientsecret", "credentials", "storepass", "keypass"
    };

    /** Second word that turns "xxx key" into a secret-bearing compound. */
    private static final Set<String> KEY_COMPOUND_FIRST = Set.of(
            "api", "private", "access", "secret", "master", "encryption", "signing", "account", "storage",
            "shared", "license", "consumer", "app", "application", "subscription", "client", "service", "admin",
            "deploy", "sas", "hmac", "crypto", "cipher", "aes", "decryption", "enc", "auth", "ingestion",
            "webhook", "live", "server");

    private static final Set<String> SESSION_WORDS = Set.of(
            "session", "sessionid", "sid", "jsessionid", "phpsessid", "sessid", "aspsessionid", "connectsid");

    private static final Set<String> WEAK_WORDS = Set.of(
            "key", "auth", "sig", "signature", "hmac", "otp", "pin", "apisecret");

    /** Words that, after a secret word, turn the key into metadata about the secret (token_type, password_url). */
    private static final Set<String> QUALIFIERS = Set.copyOf(List.of(
            "type", "types", "kind", "expiry", "expires", "expired", "expiration", "exp", "ttl", "lifetime",
            "length", "len", "size", "count", "counter", "url", "uri", "urls", "endpoint", "path", "file",
            "filename", "dir", "directory", "policy", "policies", "hint", "required", "require", "enabled",
            "enable", "disabled", "changed", "change", "reset", "min", "max", "minimum", "maximum", "strength",
            "format", "name", "names", "ref", "reference", "version", "field", "fields", "header", "prefix",
            "location", "source", "algorithm", "algo", "alg", "method", "mode", "provider", "issuer", "audience",
            "scope", "scopes", "label", "status", "state", "created", "updated", "at", "time", "timestamp",
            "timeout", "duration", "age", "used", "usage", "limit", "limits", "rotation", "rotated", "env", "var",
            "variable", "placeholder", "prompt", "regex", "pattern", "validation", "validator", "param",
            "parameter", "attempts", "attempt", "retries", "manager", "service", "handler", "class", "store",
            "mask", "masked", "encoding", "charset", "generator", "index", "idx", "server", "host", "port",
            "user", "username", "usr", "login", "encoder", "decoder", "encryptor", "factory", "util", "utils",
            "helper", "filter", "interceptor", "resolver", "repository", "controller", "exception", "error",
            "errors", "test", "tests", "spec", "check", "checker", "meter", "input", "form", "dialog", "screen",
            "page", "view", "component", "module", "builder", "parser", "reader", "writer", "loader",
            "converter", "mapper", "serializer", "bits", "bytes", "arn", "lookup", "cache", "java", "kt", "py",
            "js", "ts", "go", "rb", "scala", "groovy", "cs", "php", "rs", "swift", "jar", "yaml", "yml", "json",
            "xml", "properties", "conf", "cfg", "ini", "txt", "log", "sh", "pem", "crt", "cer", "jks", "p12",
            "pfx", "html", "tsx", "jsx", "mjs", "cjs", "c", "cpp", "h", "md", "request", "requests", "response",
            "responses", "client", "clients", "expired", "invalid", "missing", "refresh", "refreshed",
            "endpoint", "flow", "grant", "store", "vault", "manager", "rotator", "id", "ids", "hash", "digest",
            "entropy", "strategy", "config", "configuration", "settings", "option", "options", "sent",
            "received", "issued", "revoked", "valid", "error", "failures", "failed", "success", "bucket",
            "details", "info", "metadata", "meta", "list", "map", "set", "stdin", "fd", "cmd", "command"));

    /** First words that make the whole key a flag or counter about secrets (has_password, max_tokens). */
    private static final Set<String> NEGATING_PREFIXES = Set.of(
            "max", "min", "num", "count", "has", "is", "use", "should", "require", "requires", "allow", "enable",
            "disable", "show", "hide", "skip", "no", "total", "prompt", "completion", "reset", "forgot",
            "change", "validate", "verify", "check", "generate", "rotate", "last", "missing", "invalid");

    private static final int CACHE_SIZE = 4096;

    private record CacheEntry(String key, KeyStrength strength) {
    }

    private final Set<String> extraStrongWords;
    private final CacheEntry[] cache = new CacheEntry[CACHE_SIZE];

    /** Creates a classifier; {@code extraStrongWords} (lower case) extend the built-in secret words. */
    public KeyClassifier(Set<String> extraStrongWords) {
        this.extraStrongWords = Set.copyOf(extraStrongWords);
    }

    /** Classifies {@code text[from,to)}. */
    public KeyStrength classify(CharSequence text, int from, int to) {
        // Leading CLI dashes, sigils and a Java system-property "-D" are not part of the name.
        while (from < to && (text.charAt(from) == '-' || text.charAt(from) == '$' || text.charAt(from) == '@')) {
            from++;
        }
        if (to - from < 2 || to - from > 128) {
            return KeyStrength.NONE;
        }
        // Key names repeat endlessly in logs; a direct-mapped cache skips the word split for known keys
        // without allocating. Entries are immutable, so racing threads at worst recompute.
        int h = 0;
        int segmentDigits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            h = 31 * h + c;
            if (Chars.isDigit(c)) {
                if (++segmentDigits == 3) {
                    // A segment with 3+ digits (pod-7d9f8b6c5d, build-2026) names an instance, not a secret; such
                    // tokens are also unique, so classifying or caching them would only thrash the cache.
                    return KeyStrength.NONE;
                }
            } else if (!Chars.isLetter(c)) {
                segmentDigits = 0;
            }
        }
        int slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
        CacheEntry e = cache[slot];
        if (e != null && e.key.length() == to - from && Chars.regionMatches(text, from, e.key)) {
            return e.strength;
        }
        KeyStrength s = classifyWords(split(text, from, to));
        cache[slot] = new CacheEntry(text.subSequence(from, to).toString(), s);
        return s;
    }

    /** Convenience overload for a whole string. */
    public KeyStrength classify(String key) {
        return classify(key, 0, key.length());
    }

    private KeyStrength classifyWords(List<String> words) {
        int n = words.size();
        if (n == 0) {
            return KeyStrength.NONE;
        }
        if (n > 1 && NEGATING_PREFIXES.contains(words.get(0))) {
            return KeyStrength.NONE;
        }
        // The strongest secret-bearing word wins (vault_unseal_key: "unseal" over "key"); a qualifier after it
        // makes the key metadata about a secret (token_type, password_reset_url) rather than a secret.
        KeyStrength best = KeyStrength.NONE;
        for (int i = n - 1; i >= 0; i--) {
            String w = words.get(i);
            KeyStrength s = wordStrength(words, i);
            if (s == KeyStrength.NONE) {
                continue;
            }
            boolean qualified = false;
            for (int j = i + 1; j < n && !qualified; j++) {
                String after = words.get(j);
                boolean idOfSecret = after.equals("id") && ((s == KeyStrength.STRONG
                        && (w.equals("secret") || w.equals("secrets"))) || s == KeyStrength.SESSION);
                qualified = !idOfSecret && (QUALIFIERS.contains(after)
                        || after.chars().allMatch(Character::isDigit) && after.length() > 3);
            }
            if (qualified) {
                return KeyStrength.NONE;
            }
            if (s == KeyStrength.STRONG) {
                return s;
            }
            if (best == KeyStrength.NONE || (best == KeyStrength.WEAK && s == KeyStrength.SESSION)) {
                best = s;
            }
        }
        return best;
    }

    private KeyStrength wordStrength(List<String> words, int i) {
        String w = words.get(i);
        if (STRONG_WORDS.contains(w) || extraStrongWords.contains(w)) {
            return KeyStrength.STRONG;
        }
        if (w.equals("key") && i > 0 && KEY_COMPOUND_FIRST.contains(words.get(i - 1))) {
            return KeyStrength.STRONG;
        }
        if (SESSION_WORDS.contains(w)) {
            return KeyStrength.SESSION;
        }
        if (WEAK_WORDS.contains(w)) {
            return KeyStrength.WEAK;
        }
        if (w.length() > 6) {
            for (String suffix : STRONG_SUFFIXES) {
                if (w.endsWith(suffix)) {
                    return KeyStrength.STRONG;
                }
            }
        }
        return KeyStrength.NONE;
    }

    /** Splits on separators and camelCase boundaries; returns lower-case words. */
    static List<String> split(CharSequence text, int from, int to) {
        List<String> words = new ArrayList<>(4);
        StringBuilder cur = new StringBuilder(16);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Chars.isAlnum(c)) {
                flush(words, cur);
                continue;
            }
            if (Chars.isUpper(c) && cur.length() > 0) {
                char prev = text.charAt(i - 1);
                boolean nextLower = i + 1 < to && Chars.isLower(text.charAt(i + 1));
                // camelCase (fooBar) or acronym end (APIKey -> API, Key).
                if (Chars.isLower(prev) || Chars.isDigit(prev) || (Chars.isUpper(prev) && nextLower)) {
                    flush(words, cur);
                }
            }
            cur.append(Chars.lower(c));
        }
        flush(words, cur);
        return words;
    }

    private static void flush(List<String> words, StringBuilder cur) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }
}
