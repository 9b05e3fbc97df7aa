package com.powerx.devhotload.session.rest;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throwaway PKI for the mTLS tests, generated once per test JVM into a temp folder as PEM files: the installation's
 * client CA (which also issues the server certificate for localhost/127.0.0.1), a good client (O=acme, CN=dev-alice),
 * an expired one, one of another tenant (O=globex), one without an O, and one issued by a foreign CA.
 * The folder is kept in a system property so every Quarkus class loader finds the same files.
 */
final class TestPki {

    static final String GOOD = "good";
    static final String EXPIRED = "expired";
    static final String GLOBEX = "globex";
    static final String NO_ORG = "no-org";
    static final String FOREIGN = "foreign";

    private static final String PROPERTY = "px.test.pki-dir";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** The folder holding {@code ca.crt}, {@code server.crt/key} and {@code <client>.crt/key}; created on first use. */
    static synchronized Path dir() {
        synchronized (System.class) {
            String existing = System.getProperty(PROPERTY);
            if (existing != null) {
                return Path.of(existing);
            }
            try {
                Path dir = Files.createTempDirectory("px-mtls-");
                dir.toFile().deleteOnExit(); // registered first, so deleted last: after the files in it
                generate(dir);
                System.setProperty(PROPERTY, dir.toString());
                return dir;
            } catch (Exception e) {
                throw new IllegalStateException("could not generate the test PKI", e);
            }
        }
    }

    private static void generate(Path dir) throws Exception {
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofHours(1));
        Instant to = now.plus(Duration.ofDays(1));
        KeyPair caKeys = keys();
        X500Name caName = new X500Name("CN=PX Test Client CA, O=powerx");
        X509Certificate ca = issue(caName, caKeys, caName, caKeys.getPrivate(), from, to, Role.CA);
        write(dir, "ca", ca, caKeys.getPrivate());

        KeyPair serverKeys = keys();
        write(dir, "server", issue(new X500Name("CN=localhost, O=powerx"), serverKeys, caName, caKeys.getPrivate(), from, to, Role.SERVER), serverKeys.getPrivate());

        client(dir, GOOD, "CN=dev-alice, O=acme", caName, caKeys.getPrivate(), from, to);
        client(dir, GLOBEX, "CN=dev-bob, O=globex", caName, caKeys.getPrivate(), from, to);
        client(dir, NO_ORG, "CN=dev-nobody", caName, caKeys.getPrivate(), from, to);
        client(dir, EXPIRED, "CN=dev-alice, O=acme", caName, caKeys.getPrivate(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        KeyPair foreignKeys = keys();
        X500Name foreignName = new X500Name("CN=Somebody Else's CA, O=acme");
        X509Certificate foreignCa = issue(foreignName, foreignKeys, foreignName, foreignKeys.getPrivate(), from, to, Role.CA);
        Files.writeString(dir.resolve("foreign-ca.crt"), pem("CERTIFICATE", foreignCa.getEncoded())).toFile().deleteOnExit();
        client(dir, FOREIGN, "CN=dev-alice, O=acme", foreignName, foreignKeys.getPrivate(), from, to);
    }

    private static void client(Path dir, String name, String subject, X500Name issuer, PrivateKey issuerKey,
            Instant from, Instant to) throws Exception {
        KeyPair keys = keys();
        write(dir, name, issue(new X500Name(subject), keys, issuer, issuerKey, from, to, Role.CLIENT), keys.getPrivate());
    }

    private enum Role { CA, SERVER, CLIENT }

    private static X509Certificate issue(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
            Instant from, Instant to, Role role) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(role == Role.CA));
        switch (role) {
            case CA -> builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            case SERVER -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            case CLIENT -> {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return rsa.generateKeyPair();
    }

    private static void write(Path dir, String name, X509Certificate certificate, PrivateKey key) throws Exception {
        Path crt = Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Path pk8 = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded())); // PKCS#8
        crt.toFile().deleteOnExit();
        pk8.toFile().deleteOnExit();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
