package com.powerx.devhotload.cli.bundle;

import java.nio.file.Path;

/** One file of the bundle: its {@code /}-separated path in the plugin folder, content hash, size and place on disk. */
public record BundleFile(String path, String sha256, long size, Path source) {
}
