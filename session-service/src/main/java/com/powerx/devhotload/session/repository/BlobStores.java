package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.session.config.BlobStoreConfig;
import com.powerx.devhotload.session.config.DevApiConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Picks the blob store {@code PX_BLOB_STORE} names, at startup, so a misconfigured bucket fails the boot. */
@ApplicationScoped
public class BlobStores {

    @Produces
    @ApplicationScoped
    @Startup
    BlobStore blobStore(BlobStoreConfig config, DevApiConfig dev) {
        return switch (config.store()) {
            case FS -> new FileBlobStore(dev.blobDir(), dev.maxBlobBytes());
            // Uploads wait on the blob volume until their hash and length are known, then go to the bucket.
            case S3 -> S3BlobStore.create(config.s3(), dev.maxBlobBytes(), dev.blobDir().resolve("spool"));
        };
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }
}
