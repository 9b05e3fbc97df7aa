package com.powerx.devhotload.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where bundle blobs are kept: {@code PX_BLOB_STORE} and the {@code PX_BLOB_S3_*} settings of the S3 store. */
@ConfigMapping(prefix = "px.blob")
public interface BlobStoreConfig {

    /** {@code PX_BLOB_STORE}: {@code fs} (the blob volume, {@code PX_DEV_BLOB_DIR}) or {@code s3} (shared by replicas). */
    @WithDefault("fs")
    Kind store();

    /** The S3 store's settings, read only when {@code PX_BLOB_STORE=s3}. */
    S3 s3();

    /** The blob store implementations. */
    enum Kind { FS, S3 }

    /** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, s3proxy). */
    interface S3 {
        /** {@code PX_BLOB_S3_ENDPOINT}: e.g. {@code http://minio:9000}; absent: AWS's endpoint for the region. */
        Optional<URI> endpoint();

        /** {@code PX_BLOB_S3_REGION}. */
        @WithDefault("us-east-1")
        String region();

        /** {@code PX_BLOB_S3_BUCKET}: required with {@code PX_BLOB_STORE=s3}; the bucket must exist. */
        Optional<String> bucket();

        /**
         * {@code PX_BLOB_S3_ACCESS_KEY} / {@code PX_BLOB_S3_SECRET_KEY}; absent: the SDK's default chain (env, web
         * identity/IRSA, profile, Pod Identity, instance profile).
         */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** {@code PX_BLOB_S3_PATH_STYLE_ACCESS}: {@code true} for MinIO and most self-hosted servers. */
        @WithDefault("false")
        boolean pathStyleAccess();

        /** {@code PX_BLOB_S3_PREFIX}: key prefix inside the bucket, e.g. {@code px-dev/}, to share a bucket. */
        Optional<String> prefix();

        /** {@code PX_BLOB_S3_PRESIGN_MIN_BYTES}: blobs of at least this size may be uploaded by pre-signed URL. */
        @WithDefault("8388608")
        long presignMinBytes();

        /**
         * {@code PX_BLOB_S3_PRESIGN_ENDPOINT}: the endpoint put in pre-signed URLs, when developers reach the bucket
         * by another address than the service does (an in-cluster MinIO behind an ingress); absent: the endpoint.
         */
        Optional<URI> presignEndpoint();

        /** {@code PX_BLOB_S3_PRESIGN_TTL}: how long a pre-signed upload URL stays valid. */
        @WithDefault("15m")
        Duration presignTtl();
    }
}
