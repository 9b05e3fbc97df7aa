package com.powerx.devhotload.stream.repository;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Lua script shipped in {@code resources/redis}, called by its SHA-1 ({@code EVALSHA}) once Redis knows it. */
final class LuaScript {

    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream("/redis/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing script redis/" + name);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Request call(List<String> keys, List<?> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha1).arg(keys.size());
        keys.forEach(request::arg);
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return request;
    }

    /** {@code SCRIPT LOAD}: after a Redis restart (or on a fresh one) the scripts must be sent again. */
    Request loadRequest() {
        return Request.cmd(Command.SCRIPT).arg("LOAD").arg(source);
    }
}
