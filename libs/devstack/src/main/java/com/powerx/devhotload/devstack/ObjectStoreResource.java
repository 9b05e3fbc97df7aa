package com.powerx.devhotload.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: session-service's blob store on the devstack's s3proxy ({@code PX_BLOB_STORE=s3}).
 * Argument {@code bucket} (default {@code px-blobs}), created if missing. Add it from a test profile's
 * {@code testResources()} so only the classes that test the S3 store start s3proxy.
 */
public class ObjectStoreResource implements QuarkusTestResourceLifecycleManager {

    private String bucket;

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = initArgs.getOrDefault("bucket", "px-blobs");
    }

    @Override
    public Map<String, String> start() {
        S3ProxyNode s3 = DevStack.shared().s3();
        s3.createBucket(bucket);
        return Map.of("px.blob.store", "s3",
                "px.blob.s3.endpoint", s3.endpoint(),
                "px.blob.s3.region", S3ProxyNode.REGION,
                "px.blob.s3.bucket", bucket,
                "px.blob.s3.access-key", S3ProxyNode.ACCESS_KEY,
                "px.blob.s3.secret-key", S3ProxyNode.SECRET_KEY,
                "px.blob.s3.path-style-access", "true");
    }

    @Override
    public void stop() {
        // s3proxy outlives each test class; its shutdown hook stops it when the JVM exits.
    }
}
