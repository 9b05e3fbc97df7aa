package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.domain.Ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The label that ties a tracker issue to a (tenant, fingerprint): short, without spaces (Jira labels) and under GitHub's
 * 50 characters, whatever the fingerprint's length. The map itself lives in our database; the label is the fallback
 * lookup after an uncertain create.
 */
public final class FingerprintLabel {

    private FingerprintLabel() {
    }

    public static String of(Ticket t) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((t.tenantId() + "\n" + t.fingerprint()).getBytes(StandardCharsets.UTF_8));
            return "px-fp-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
