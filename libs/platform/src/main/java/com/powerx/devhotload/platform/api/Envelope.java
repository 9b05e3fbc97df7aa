package com.powerx.devhotload.platform.api;

/** Either envelope of CONTRACT.md §1; both carry the request id assigned at the edge. */
public sealed interface Envelope permits SuccessEnvelope, ErrorEnvelope {

    void assignRequestId(String requestId);
}
