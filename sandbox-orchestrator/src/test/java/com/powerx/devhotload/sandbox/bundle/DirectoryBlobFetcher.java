package com.powerx.devhotload.sandbox.bundle;

import com.powerx.devhotload.sandbox.rest.Plugins;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Tests run without session-service: blobs are the example plugin files, found by their hash. */
@Alternative
@Priority(1)
@ApplicationScoped
public class DirectoryBlobFetcher implements BlobFetcher {

    @Override
    public void fetch(String tenantId, String sessionId, String sha256, Path target) throws IOException {
        Path source = Plugins.byHash().get(sha256);
        if (source == null) {
            throw new IOException("no example file has hash " + sha256);
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
