package com.powerx.devhotload.sandbox.bundle;

import java.io.IOException;
import java.nio.file.Path;

/** Fetches one bundle blob by its SHA-256 into {@code target} (the cache checks the hash afterwards). */
public interface BlobFetcher {

    void fetch(String tenantId, String sessionId, String sha256, Path target) throws IOException;
}
