package com.powerx.devhotload.platform.api;

/** One invalid field of a request, listed in {@code details.violations}. */
public record Violation(String field, String message) {
}
