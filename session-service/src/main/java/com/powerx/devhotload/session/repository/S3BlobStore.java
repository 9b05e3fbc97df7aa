package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.web.DependencyOutages;
import com.powerx.devhotload.session.config.BlobStoreConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Blobs in an S3-compatible bucket ({@code PX_BLOB_STORE=s3}), so every replica serves every upload. Keys:
 * {@code <prefix>blobs/<tenant>/<ab>/<sha256>} for verified blobs and {@code <prefix>uploads/<tenant>/<sha256>} for
 * pre-signed uploads waiting to be confirmed. Clients never write a verified key: a pre-signed URL names the upload
 * key, and only {@link #completeUpload} copies it over once its hash checked out.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;
    private final String bucket;
    private final String prefix;
    private final long maxBlobBytes;
    private final long presignMinBytes;
    private final Duration presignTtl;
    private final Path spoolDir;

    S3BlobStore(S3Client s3, S3Presigner presigner, AwsCredentialsProvider credentials, BlobStoreConfig.S3 config,
                long maxBlobBytes, Path spoolDir) {
        this.s3 = s3;
        this.presigner = presigner;
        this.credentials = credentials;
        this.bucket = config.bucket().orElseThrow(() -> new IllegalStateException("PX_BLOB_STORE=s3 needs PX_BLOB_S3_BUCKET"));
        this.prefix = config.prefix().orElse("");
        this.maxBlobBytes = maxBlobBytes;
        this.presignMinBytes = config.presignMinBytes();
        this.presignTtl = config.presignTtl();
        this.spoolDir = spoolDir;
    }

    /** A store on the configured bucket; uploads are spooled under {@code spoolDir} until their length is known. */
    public static S3BlobStore create(BlobStoreConfig.S3 config, long maxBlobBytes, Path spoolDir) {
        Region region = Region.of(config.region());
        AwsCredentialsProvider credentials = credentialsProvider(config.accessKey(), config.secretKey());
        var client = S3Client.builder().region(region).credentialsProvider(credentials)
                .forcePathStyle(config.pathStyleAccess())
                .httpClientBuilder(ApacheHttpClient.builder())
                // Since SDK 2.30 uploads carry a CRC32 trailer in aws-chunked encoding, which several S3-compatible
                // servers refuse; the SHA-256 we verify ourselves covers integrity already.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyleAccess()).build());
        config.endpoint().ifPresent(client::endpointOverride);
        config.presignEndpoint().or(config::endpoint).ifPresent(presigner::endpointOverride);
        return new S3BlobStore(client.build(), presigner.build(), credentials, config, maxBlobBytes, spoolDir);
    }

    /**
     * The configured key pair when both halves are set; otherwise the SDK's default chain, which is how a pod role
     * arrives: IRSA's web identity token (through the {@code sts} module), EKS Pod Identity's container endpoint.
     */
    static AwsCredentialsProvider credentialsProvider(Optional<String> accessKey, Optional<String> secretKey) {
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public long store(String tenant, String sha256, InputStream body) {
        // Spooled first: S3 needs the length up front, and a blob whose hash is wrong must never reach the bucket.
        try (BlobSpool spool = BlobSpool.receive(spoolDir, sha256, body, maxBlobBytes)) {
            call(() -> s3.putObject(PutObjectRequest.builder().bucket(bucket).key(blobKey(tenant, sha256))
                    .contentLength(spool.size()).contentType(OCTET_STREAM).build(), RequestBody.fromFile(spool.file())));
            return spool.size();
        }
    }

    @Override
    public BlobContent open(String tenant, String sha256) {
        try {
            ResponseInputStream<GetObjectResponse> in = call(() -> s3.getObject(b -> b.bucket(bucket).key(blobKey(tenant, sha256))));
            return new BlobContent.Streamed(in, in.response().contentLength());
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    @Override
    public Optional<DirectUpload> offerUpload(String tenant, String sha256, long size) {
        if (size < presignMinBytes || size > maxBlobBytes) {
            return Optional.empty(); // small blobs are cheaper through us; too large ones would be refused anyway
        }
        PresignedPutObjectRequest signed = presigner.presignPutObject(p -> p.signatureDuration(presignTtl)
                .putObjectRequest(b -> b.bucket(bucket).key(uploadKey(tenant, sha256)).contentType(OCTET_STREAM)));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return Optional.of(new DirectUpload(URI.create(signed.url().toString()), signed.httpRequest().method().name(),
                headers, signed.expiration()));
    }

    @Override
    public long completeUpload(String tenant, String sha256) {
        String uploadKey = uploadKey(tenant, sha256);
        BlobDigest.Digested digested = readBack(uploadKey);
        if (!digested.sha256().equals(sha256)) {
            deleteQuietly(uploadKey);
            BlobDigest.requireMatch(sha256, digested);
        }
        // A server-side copy: the bytes do not travel through this service a second time.
        call(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(uploadKey)
                .destinationBucket(bucket).destinationKey(blobKey(tenant, sha256))));
        deleteQuietly(uploadKey);
        return digested.size();
    }

    /** Hashes an upload as it streams back from the bucket; one over the size limit is deleted (413). */
    private BlobDigest.Digested readBack(String uploadKey) {
        try (ResponseInputStream<GetObjectResponse> in = call(() -> s3.getObject(b -> b.bucket(bucket).key(uploadKey)))) {
            Long length = in.response().contentLength();
            if (length == null || length <= maxBlobBytes) {
                try {
                    return BlobDigest.copy(in, OutputStream.nullOutputStream(), maxBlobBytes);
                } catch (ApiException tooLarge) {
                    // the length header lied; fall through to the refusal
                }
            }
            in.abort(); // do not drain the rest of an object we refuse
        } catch (NoSuchKeyException e) {
            throw ApiException.notFound("upload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deleteQuietly(uploadKey);
        throw BlobDigest.tooLarge(maxBlobBytes);
    }

    private String blobKey(String tenant, String sha256) {
        return prefix + "blobs/" + BlobDigest.tenantSegment(tenant) + "/" + sha256.substring(0, 2) + "/" + sha256;
    }

    private String uploadKey(String tenant, String sha256) {
        return prefix + "uploads/" + BlobDigest.tenantSegment(tenant) + "/" + sha256;
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // Left behind: a bucket lifecycle rule on <prefix>uploads/ removes stale uploads (docs/session-service.md).
            io.quarkus.logging.Log.warnf("could not delete s3 object %s: %s", key, e.getMessage());
        }
    }

    /** The bucket unreachable or answering 5xx is an outage (503 with Retry-After), not a defect of ours. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw e;
        } catch (S3Exception e) {
            if (e.statusCode() >= 500) {
                throw unavailable();
            }
            throw e;
        } catch (RuntimeException e) {
            if (DependencyOutages.isOutage(e)) {
                throw unavailable();
            }
            throw e;
        }
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.DEV_UNAVAILABLE, "blob_store_unavailable", "the blob store cannot be reached",
                Map.of(), DependencyOutages.RETRY_AFTER_SECONDS);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
        // The clients do not close a provider they were handed; the default chain may hold an STS client.
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
