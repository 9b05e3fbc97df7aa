package com.powerx.devhotload.session.config;

import com.powerx.devhotload.session.domain.BundleLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/** The Dev API's flags and limits (CONTRACT.md §3), each overridable by its {@code PX_DEV_*} env var. */
@ConfigMapping(prefix = "px.dev")
public interface DevApiConfig {

    /** {@code PX_DEV_PLUGIN_HOTLOAD=false}: every /internal/dev/plugins call answers 403 DEV_FEATURE_DISABLED. */
    @WithDefault("true")
    boolean pluginHotload();

    /** {@code PX_DEV_SESSION_AUDIT}: every state-changing call writes an audit record. */
    @WithDefault("true")
    boolean sessionAudit();

    /** {@code PX_DEV_SESSION_TTL}: idle time after which a session expires; reloads, heartbeats and reads extend it. */
    @WithDefault("15m")
    Duration sessionTtl();

    /** {@code PX_DEV_MAX_BUNDLE_BYTES}: declared total size of a bundle. */
    @WithDefault("268435456")
    long maxBundleBytes();

    /** {@code PX_DEV_MAX_BLOB_BYTES}: size of one uploaded blob. */
    @WithDefault("134217728")
    long maxBlobBytes();

    /** {@code PX_DEV_MAX_FILES}: the ceiling of {@code watchFileLimit}. */
    @WithDefault("10000")
    int maxFiles();

    /** {@code PX_DEV_BLOB_DIR}: the blob volume (one folder per tenant). */
    @WithDefault("target/blobs")
    Path blobDir();

    /** {@code PX_DEV_STREAM_URL}: public base URL of stream-gateway, for {@code streamUrl}/{@code logUrl}. */
    @WithDefault("http://127.0.0.1:8083")
    String streamUrl();

    /** {@code PX_DEV_ADMIN_URL}: public base URL of the Admin panel's session view, for {@code adminUrl}. */
    @WithDefault("http://127.0.0.1:8081/api/admin/dev-hotload/sessions")
    String adminUrl();

    /** {@code PX_DEV_EXPIRY_CHECK}: how often idle sessions are looked for (read by the expiry job's schedule). */
    @WithDefault("15s")
    Duration expiryCheck();

    /** Per-tenant request limits per minute: {@code PX_DEV_RATE_LIMIT_REGISTER}, {@code PX_DEV_RATE_LIMIT_RELOAD}. */
    RateLimit rateLimit();

    /** Requests per tenant per minute. */
    interface RateLimit {
        @WithDefault("120")
        int register();

        @WithDefault("1200")
        int reload();
    }

    /** {@code PX_DEV_IDEMPOTENCY_TTL}: how long an x-reload-id is remembered. */
    @WithDefault("24h")
    Duration idempotencyTtl();

    default BundleLimits bundleLimits() {
        return new BundleLimits(maxFiles(), maxBundleBytes());
    }
}
