package com.powerx.devhotload.ticket.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.service.TicketRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code plugin.debug.regression.passed|failed}: closes or comments the tickets of the run's fingerprint. */
@ApplicationScoped
public class RegressionEvents implements EventHandler {

    private final TicketRules rules;
    private final boolean enabled;

    public RegressionEvents(TicketRules rules, TicketsConfig config) {
        this.rules = rules;
        this.enabled = config.enabled();
    }

    @Override
    public String consumerName() {
        return "ticket-bridge.regressions";
    }

    @Override
    public Uni<Void> handle(SqlClient tx, CloudEvent event) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        if (event.tenantid() == null) {
            throw new IllegalArgumentException("regression event " + event.id() + " has no tenantid");
        }
        return rules.regression(tx, event.tenantid(), EventCodec.payload(event, RegressionResult.class));
    }
}
