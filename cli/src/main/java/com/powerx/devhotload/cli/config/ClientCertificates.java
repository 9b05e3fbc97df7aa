package com.powerx.devhotload.cli.config;

import com.powerx.devhotload.cli.CliException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The mTLS client credentials of {@code px-plugin auth configure}: PEM copies under {@code ~/.powerx/tls/} (0600),
 * checked for expiry each time they are loaded.
 */
public final class ClientCertificates {

    /** Certificates that expire sooner than this get a warning on every run. */
    public static final Duration WARN_BEFORE = Duration.ofDays(7);

    private final Path dir;
    private final Clock clock;

    public ClientCertificates(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** What a loaded identity is made of: the chain, its key, and the CA to trust for the servers (may be empty). */
    public record Identity(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> trusted) {

        public X509Certificate leaf() {
            return chain.getFirst();
        }
    }

    /** Validates the PEM files and copies them in; answers the stored identity. */
    public Identity configure(Path cert, Path key, Path ca, Consumer<String> warn) {
        String certPem = read(cert);
        String keyPem = read(key);
        String caPem = ca == null ? null : read(ca);
        Identity identity = parse(certPem, keyPem, caPem, cert.toString(), key.toString());
        checkValidity(identity.leaf(), warn);
        PxHome.writePrivate(dir.resolve("client.crt"), certPem.getBytes(StandardCharsets.UTF_8));
        PxHome.writePrivate(dir.resolve("client.key"), keyPem.getBytes(StandardCharsets.UTF_8));
        if (caPem != null) {
            PxHome.writePrivate(dir.resolve("ca.crt"), caPem.getBytes(StandardCharsets.UTF_8));
        } else {
            deleteQuietly(dir.resolve("ca.crt"));
        }
        return identity;
    }

    /** The stored identity, if {@code auth configure} was run; refuses an expired certificate, warns near expiry. */
    public Optional<Identity> load(Consumer<String> warn) {
        Path cert = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        if (!Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        Path ca = dir.resolve("ca.crt");
        Identity identity = parse(read(cert), read(key), Files.isRegularFile(ca) ? read(ca) : null, cert.toString(), key.toString());
        checkValidity(identity.leaf(), warn);
        return Optional.of(identity);
    }

    public boolean configured() {
        return Files.isRegularFile(dir.resolve("client.crt"));
    }

    /** Throws for an expired (or not yet valid) certificate; one warning line when it expires within 7 days. */
    public void checkValidity(X509Certificate certificate, Consumer<String> warn) {
        Instant now = clock.instant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw CliException.invalid("the client certificate " + certificate.getSubjectX500Principal().getName() + " expired on " + notAfter,
                    "get a new one and run px-plugin auth configure --cert C --key K");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw CliException.invalid("the client certificate is not valid before " + certificate.getNotBefore().toInstant(),
                    "check the machine's clock");
        }
        Duration left = Duration.between(now, notAfter);
        if (left.compareTo(WARN_BEFORE) < 0) {
            warn.accept("warning: the client certificate expires in " + describe(left) + " (" + notAfter + "); renew it soon");
        }
    }

    private static String describe(Duration left) {
        return left.toDays() >= 1 ? left.toDays() + " day(s)" : Math.max(1, left.toHours()) + " hour(s)";
    }

    private static Identity parse(String certPem, String keyPem, String caPem, String certName, String keyName) {
        List<X509Certificate> chain = Pem.certificates(certPem, certName);
        PrivateKey key = Pem.privateKey(keyPem, keyName);
        List<X509Certificate> trusted = caPem == null ? List.of() : Pem.certificates(caPem, "the CA file");
        return new Identity(chain, key, trusted);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw CliException.invalid("cannot read " + file + " (" + e.getMessage() + ")", null);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
