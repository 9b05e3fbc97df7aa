package com.powerx.devhotload.platform.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Every JSON request entity of every service passes {@link JsonTextGuard} before it is parsed, so no resource has to
 * remember that its strings end up in PostgreSQL. JSON bodies are read into memory by the REST layer anyway (and
 * capped by {@code quarkus.http.limits.max-body-size}); blobs ({@code application/octet-stream}) stream past untouched.
 */
@Provider
public class JsonInputGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))) {
            byte[] body = context.getInputStream().readAllBytes();
            JsonTextGuard.check(body);
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
    }
}
