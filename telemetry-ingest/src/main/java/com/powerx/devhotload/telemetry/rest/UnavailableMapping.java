package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.telemetry.repository.RedisStore.RedisUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Redis away while a request needs it: 503 {@code DEV_UNAVAILABLE} with Retry-After (CONTRACT.md §1), never a 500. */
public class UnavailableMapping {

    @ServerExceptionMapper
    public Response redisUnavailable(RedisUnavailableException e) {
        return Responses.error(new ApiException(ErrorCode.DEV_UNAVAILABLE, "unavailable", "telemetry store unavailable, retry later",
                Map.of("retryAfterSeconds", 5), 5L));
    }
}
