package com.powerx.devhotload.session.repository;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where the bytes of bundle blobs live, by tenant and SHA-256: {@link FileBlobStore} (a volume, the default) or
 * {@link S3BlobStore} (a bucket shared by every replica), chosen by {@code PX_BLOB_STORE} (see {@link BlobStores}).
 * Which blobs count as present is recorded in PostgreSQL ({@link BlobRepository}), never inferred from the store.
 * Every method blocks on I/O: call from worker threads.
 */
public interface BlobStore {

    /** Streams {@code body} to the store, verifying its hash; returns its size. 400 hash_mismatch or 413 store nothing. */
    long store(String tenant, String sha256, InputStream body);

    /** The stored bytes, or null if this tenant has no such blob in the store. */
    BlobContent open(String tenant, String sha256);

    /** A URL the client may upload this blob to directly, if the store offers one for a blob of {@code size} bytes. */
    Optional<DirectUpload> offerUpload(String tenant, String sha256, long size);

    /**
     * Verifies a blob uploaded through {@link #offerUpload} and puts it in place; returns its size. 404 when nothing
     * was uploaded; 400 hash_mismatch or 413 delete the upload.
     */
    long completeUpload(String tenant, String sha256);

    /** A stored blob's bytes: a local file (sent by the HTTP layer without copying) or a stream with its length. */
    sealed interface BlobContent {
        record OnDisk(Path file) implements BlobContent {
        }

        /** The caller owns {@code body} and must close it. */
        record Streamed(InputStream body, long length) implements BlobContent {
        }
    }

    /** A pre-signed upload: the client sends the bytes with {@code method} and exactly these {@code headers}. */
    record DirectUpload(URI url, String method, Map<String, String> headers, Instant expiresAt) {
    }
}
