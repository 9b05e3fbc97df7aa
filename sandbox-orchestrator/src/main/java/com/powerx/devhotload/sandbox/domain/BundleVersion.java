package com.powerx.devhotload.sandbox.domain;

import com.powerx.devhotload.contracts.payload.FileRef;

import java.nio.file.Path;
import java.util.List;

/** One materialised version of a session's bundle. */
public record BundleVersion(long sequence, Path dir, List<FileRef> files) {
}
