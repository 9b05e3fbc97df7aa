package com.powerx.devhotload.cli.config;

import com.powerx.devhotload.cli.CliException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM certificates and PKCS#8 keys read with the plain JDK (no Bouncy Castle at run time). */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {
    }

    /** Every certificate in the text, leaf first as PEM bundles put it. */
    public static List<X509Certificate> certificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw CliException.invalid(source + " is not a valid PEM certificate (" + e.getMessage() + ")", null);
        }
        if (certificates.isEmpty()) {
            throw CliException.invalid(source + " holds no PEM certificate", "give a file with -----BEGIN CERTIFICATE-----");
        }
        return certificates;
    }

    /** The PKCS#8 private key in the text (RSA, EC or Ed25519). */
    public static PrivateKey privateKey(String pem, String source) {
        for (Block block : blocks(pem)) {
            if (block.type().equals("PRIVATE KEY")) {
                return pkcs8(block.der(), source);
            }
            if (block.type().endsWith("PRIVATE KEY")) {
                throw CliException.invalid(source + " is a " + block.type() + ", not PKCS#8",
                        "convert it: openssl pkcs8 -topk8 -nocrypt -in " + source + " -out client.key");
            }
        }
        throw CliException.invalid(source + " holds no PEM private key", "give a file with -----BEGIN PRIVATE KEY-----");
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next one
            }
        }
        throw CliException.invalid(source + " is not an RSA, EC or Ed25519 PKCS#8 key", null);
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String pem) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String base64 = m.group(2).replaceAll("\\s", "");
            blocks.add(new Block(m.group(1), Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII))));
        }
        return blocks;
    }
}
