package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.platform.api.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The blob volume ({@code PX_BLOB_STORE=fs}, the default): content-addressed files under one folder per tenant. An
 * upload is spooled next to its final place and only a verified file is moved there. It offers no direct uploads.
 */
public final class FileBlobStore implements BlobStore {

    private final Path root;
    private final long maxBlobBytes;

    public FileBlobStore(Path root, long maxBlobBytes) {
        this.root = root.toAbsolutePath();
        this.maxBlobBytes = maxBlobBytes;
    }

    @Override
    public long store(String tenant, String sha256, InputStream body) {
        Path target = path(tenant, sha256);
        try (BlobSpool spool = BlobSpool.receive(target.getParent(), sha256, body, maxBlobBytes)) {
            try {
                Files.move(spool.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(spool.file(), target, StandardCopyOption.REPLACE_EXISTING);
            }
            return spool.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BlobContent open(String tenant, String sha256) {
        Path p = path(tenant, sha256);
        return Files.isRegularFile(p) ? new BlobContent.OnDisk(p) : null;
    }

    @Override
    public Optional<DirectUpload> offerUpload(String tenant, String sha256, long size) {
        return Optional.empty();
    }

    @Override
    public long completeUpload(String tenant, String sha256) {
        throw ApiException.notFound("upload"); // nothing is ever offered, so nothing can have been uploaded
    }

    private Path path(String tenant, String sha256) {
        return root.resolve(BlobDigest.tenantSegment(tenant)).resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
