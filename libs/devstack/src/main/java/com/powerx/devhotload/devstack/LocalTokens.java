package com.powerx.devhotload.devstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The local dev signing key and the JWTs it signs (CONTRACT.md §2, {@code deploy/local/token}). Services in local
 * mode trust its public key through {@code quarkus.oidc.public-key}; tests mint tenant-scoped tokens with it.
 * The key is generated per machine (or per test JVM), never committed.
 */
public final class LocalTokens {

    public static final String ISSUER = "px-local";

    private static LocalTokens forTests;

    private final KeyPair keys;

    private LocalTokens(KeyPair keys) {
        this.keys = keys;
    }

    /** A fresh key for this test JVM, the same in every class loader (Quarkus reloads test classes per profile). */
    public static synchronized LocalTokens forTests() {
        if (forTests == null) {
            synchronized (System.class) {
                String stored = System.getProperty("px.devstack.test-key");
                if (stored == null) {
                    KeyPair pair = generate();
                    stored = encode(pair.getPrivate()) + ":" + encode(pair.getPublic());
                    System.setProperty("px.devstack.test-key", stored);
                }
                String[] parts = stored.split(":");
                forTests = new LocalTokens(decode(parts[0], parts[1]));
            }
        }
        return forTests;
    }

    private static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static KeyPair decode(String privateKey, String publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey.trim()))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.trim()))));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable dev signing key", e);
        }
    }

    /** Loads the key from {@code dir}, creating it on first use (the local run keeps it under .data/keys). */
    public static LocalTokens inDirectory(Path dir) throws Exception {
        Path privateFile = dir.resolve("dev-signing-key.pk8");
        Path publicFile = dir.resolve("dev-signing-key.pub");
        if (!Files.exists(privateFile)) {
            Files.createDirectories(dir);
            KeyPair pair = generate();
            Files.writeString(privateFile, encode(pair.getPrivate()));
            Files.writeString(publicFile, encode(pair.getPublic()));
            return new LocalTokens(pair);
        }
        return new LocalTokens(decode(Files.readString(privateFile), Files.readString(publicFile)));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 DER of the public key: the value of {@code quarkus.oidc.public-key}. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** An RS256 JWT for {@code tenant}/{@code subject} with {@code roles} in the groups claim, valid 24 h. */
    public String mint(String tenant, String subject, List<String> roles) {
        return mint(tenant, subject, roles, java.time.Duration.ofHours(24));
    }

    /** The same, valid for {@code validity} (service tokens of a long-running local suite). */
    public String mint(String tenant, String subject, List<String> roles, java.time.Duration validity) {
        long now = Instant.now().getEpochSecond();
        String groups = roles.stream().map(LocalTokens::json).collect(Collectors.joining(",", "[", "]"));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"px-local\"}";
        String claims = "{\"iss\":" + json(ISSUER) + ",\"sub\":" + json(subject) + ",\"tenant_id\":" + json(tenant)
                + ",\"groups\":" + groups + ",\"iat\":" + now + ",\"exp\":" + (now + validity.toSeconds()) + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rs256.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c)); else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * {@code deploy/local/token --tenant T [--sub S] [--roles a,b] [--days N] [--keys DIR]}: prints a JWT.
     * {@code --public-key} prints the public key instead (deploy/local/up hands it to the services).
     */
    public static void main(String[] args) throws Exception {
        String tenant = null;
        String sub = "developer";
        String roles = "";
        Path dir = Path.of("deploy/local/.data/keys");
        boolean publicKey = false;
        int days = 1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--tenant" -> { tenant = value; i++; }
                case "--sub" -> { sub = value; i++; }
                case "--roles" -> { roles = value; i++; }
                case "--keys" -> { dir = Path.of(value); i++; }
                case "--days" -> { days = Integer.parseInt(value); i++; }
                case "--public-key" -> publicKey = true;
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: deploy/local/token --tenant T [--sub S] [--roles a,b] [--days N]");
                    System.exit(2);
                }
            }
        }
        if (publicKey) {
            System.out.println(inDirectory(dir).publicKey());
            return;
        }
        if (tenant == null || tenant.isBlank()) {
            System.err.println("usage: deploy/local/token --tenant T [--sub S] [--roles a,b] [--days N]");
            System.exit(2);
        }
        List<String> roleList = roles.isBlank() ? List.of() : List.of(roles.split(","));
        System.out.println(inDirectory(dir).mint(tenant, sub, roleList, java.time.Duration.ofDays(days)));
    }
}
