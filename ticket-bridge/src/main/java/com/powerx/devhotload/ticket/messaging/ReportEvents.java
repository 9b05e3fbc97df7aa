package com.powerx.devhotload.ticket.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReportReady;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.ReportFacts;
import com.powerx.devhotload.ticket.repository.ReportRepository;
import com.powerx.devhotload.ticket.service.TicketRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code plugin.debug.report.ready}: the report is kept, and (tickets on) applied to its fingerprint's ticket. */
@ApplicationScoped
public class ReportEvents implements EventHandler {

    private final ReportRepository reports;
    private final TicketRules rules;
    private final boolean enabled;

    public ReportEvents(ReportRepository reports, TicketRules rules, TicketsConfig config) {
        this.reports = reports;
        this.rules = rules;
        this.enabled = config.enabled();
    }

    @Override
    public String consumerName() {
        return "ticket-bridge.reports";
    }

    @Override
    public Uni<Void> handle(SqlClient tx, CloudEvent event) {
        if (!EventTypes.REPORT_READY.equals(event.type())) {
            return Uni.createFrom().voidItem(); // report.failed: nothing to file
        }
        if (event.tenantid() == null) {
            throw new IllegalArgumentException("report event " + event.id() + " has no tenantid");
        }
        ReportReady r = EventCodec.payload(event, ReportReady.class);
        ReportFacts facts = new ReportFacts(r.reportId(), event.tenantid(), r.pluginId(), r.sessionId(), r.fingerprint(), r.title(),
                r.summary(), r.severity(), r.reportUrl(), r.reloadSequence(), r.buildHash());
        Uni<Void> kept = reports.remember(tx, facts);
        if (!enabled) {
            return kept;
        }
        return kept.flatMap(v -> rules.occurrence(tx, facts)).replaceWithVoid();
    }
}
