package com.powerx.devhotload.ticket.rest;

import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.ticket.service.TrackerWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code POST /internal/ticket/webhook/{provider}}: trackers report changes made there. Authenticated by the body's
 * HMAC signature alone (trackers hold no PowerX credentials); the header depends on the tracker.
 */
@Path("/internal/ticket/webhook")
public class WebhookResource {

    private final TrackerWebhooks webhooks;

    public WebhookResource(TrackerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/{provider}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@PathParam("provider") String provider, byte[] body,
                                 @HeaderParam("X-Hub-Signature-256") String githubSignature,
                                 @HeaderParam("X-Hub-Signature") String jiraSignature,
                                 @HeaderParam("X-PX-Signature") String pxSignature,
                                 @HeaderParam("X-GitHub-Delivery") String githubDelivery,
                                 @HeaderParam("X-Atlassian-Webhook-Identifier") String jiraDelivery,
                                 @HeaderParam("X-PX-Delivery") String pxDelivery,
                                 @HeaderParam("X-GitHub-Event") String githubEvent) {
        TrackerWebhooks.Delivery delivery = switch (provider) {
            case "github" -> new TrackerWebhooks.Delivery(provider, body, githubSignature, githubDelivery, githubEvent);
            case "jira" -> new TrackerWebhooks.Delivery(provider, body, jiraSignature, jiraDelivery, null);
            default -> new TrackerWebhooks.Delivery(provider, body, pxSignature, pxDelivery, null);
        };
        return webhooks.receive(delivery).map(changed -> Responses.ok(Map.of("applied", changed)));
    }
}
