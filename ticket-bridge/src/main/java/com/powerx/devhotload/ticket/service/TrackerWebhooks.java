package com.powerx.devhotload.ticket.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.mapping.InboundChanges;
import com.powerx.devhotload.ticket.provider.Signatures;
import com.powerx.devhotload.ticket.provider.TrackerHttp;
import com.powerx.devhotload.ticket.repository.ActionRepository;
import com.powerx.devhotload.ticket.repository.DeliveryRepository;
import com.powerx.devhotload.ticket.repository.TicketRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tracker webhooks: the signature is checked first (constant time; bad or missing → 401, nothing read further), then
 * the delivery is recorded and its state change applied in one transaction. A redelivery, an unknown issue, a change
 * that is not a state change, or the echo of a transition of ours still in flight changes nothing.
 */
@ApplicationScoped
public class TrackerWebhooks {

    /** What arrived: the raw body (the signature is over these bytes) and the headers that matter. */
    public record Delivery(String provider, byte[] body, String signature, String deliveryId, String event) {
    }

    private final TransactionalOutbox outbox;
    private final DeliveryRepository deliveries;
    private final TicketRepository tickets;
    private final ActionRepository actions;
    private final TrackerSync sync;
    private final TicketsConfig config;

    public TrackerWebhooks(TransactionalOutbox outbox, DeliveryRepository deliveries, TicketRepository tickets, ActionRepository actions,
                           TrackerSync sync, TicketsConfig config) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.tickets = tickets;
        this.actions = actions;
        this.sync = sync;
        this.config = config;
    }

    /** Emits whether a ticket changed. */
    public Uni<Boolean> receive(Delivery d) {
        if (!Signatures.valid(secret(d.provider()).orElse(null), d.body(), d.signature())) {
            throw ApiException.unauthorized("webhook signature missing or invalid");
        }
        Optional<InboundChanges.Change> change = InboundChanges.parse(d.provider(), d.event(), json(d.body()));
        String deliveryId = d.deliveryId() != null ? d.deliveryId() : sha256(d.body());
        return outbox.inTransaction(tx -> deliveries.first(tx, d.provider(), deliveryId).flatMap(first -> {
            if (!first || change.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return tickets.lockByTracker(tx, d.provider(), change.get().trackerKey()).flatMap(t -> t == null
                    ? Uni.createFrom().item(false)
                    : actions.transitionPending(tx, t.ticketId()).flatMap(ours -> ours
                            ? Uni.createFrom().item(false)
                            : sync.apply(tx, t, change.get().status())));
        }));
    }

    private Optional<String> secret(String provider) {
        Optional<String> generic = config.webhook().secret();
        return switch (provider) {
            case "github" -> config.github().webhookSecret().or(() -> generic);
            case "jira" -> config.jira().webhookSecret().or(() -> generic);
            case "webhook" -> generic;
            default -> throw ApiException.notFound("webhook provider " + provider);
        };
    }

    private static JsonNode json(byte[] body) {
        try {
            return TrackerHttp.json().readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the webhook body is not JSON");
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
