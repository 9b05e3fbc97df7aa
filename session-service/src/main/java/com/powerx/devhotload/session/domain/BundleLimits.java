package com.powerx.devhotload.session.domain;

/** The configured ceilings of a bundle: how many files ({@code PX_DEV_MAX_FILES}) and how many declared bytes. */
public record BundleLimits(int maxFiles, long maxBundleBytes) {
}
