package com.powerx.devhotload.ticket.provider;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.util.Map;

/** A JSON POST signed with {@code X-PX-Signature: sha256=<hex HMAC of the body>} (webhook provider, generic notifications). */
@ApplicationScoped
public class SignedPost {

    private final TrackerHttp http;

    public SignedPost(TrackerHttp http) {
        this.http = http;
    }

    /** {@code secret} null: unsigned (a receiver that wants signatures must be given a secret). */
    public void send(String operation, String url, String secret, Object body) {
        byte[] bytes;
        try {
            bytes = TrackerHttp.json().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = secret == null ? Map.of() : Map.of("X-PX-Signature", Signatures.sign(secret, bytes));
        http.send(operation, "POST", url, headers, bytes);
    }
}
