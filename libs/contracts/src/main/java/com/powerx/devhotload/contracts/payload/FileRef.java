package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.Required;

/** A bundle file, named by the SHA-256 of its content (the blob store's key); {@code size} in bytes. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileRef(
        @Required String path,
        @Required String sha256,
        Long size) {
}
