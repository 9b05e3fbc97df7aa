package com.powerx.devhotload.platform.web;

import com.powerx.devhotload.platform.api.Envelope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Stamps the request id into whichever envelope a resource or exception mapper answered with. */
public class EnvelopeRequestIdFilter {

    @ServerResponseFilter
    public void stamp(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Envelope envelope) {
            envelope.assignRequestId(request.getHeaderString(RequestIds.HEADER));
        }
    }
}
