package com.powerx.devhotload.cli.bundle;

/** Size limits checked before anything is uploaded: per file, for the whole bundle, and the file count. */
public record Limits(long maxFileBytes, long maxBundleBytes, int maxFiles) {

    /** The server's defaults: 128 MiB per blob, 256 MiB per bundle, 10,000 files. */
    public static final Limits DEFAULT = new Limits(128L << 20, 256L << 20, 10_000);

    /** {@code --max-bundle-size}: also caps a single file, since one file cannot be larger than the bundle. */
    public Limits withMaxBundle(Long bytes) {
        if (bytes == null) {
            return this;
        }
        return new Limits(Math.min(maxFileBytes, bytes), bytes, maxFiles);
    }
}
