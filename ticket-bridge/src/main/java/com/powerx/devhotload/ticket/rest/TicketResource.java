package com.powerx.devhotload.ticket.rest;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import com.powerx.devhotload.platform.security.CurrentCaller;
import com.powerx.devhotload.ticket.mapping.TicketChecks;
import com.powerx.devhotload.ticket.service.Tickets;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Tickets (CONTRACT.md §8): list and read them, hand a report over by hand, comment/close/reopen, reconcile. */
@Path("/internal/ticket")
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    private final Tickets tickets;
    private final CurrentCaller caller;

    public TicketResource(Tickets tickets, CurrentCaller caller) {
        this.tickets = tickets;
        this.caller = caller;
    }

    @GET
    @Path("/tickets")
    public Uni<Response> list(@QueryParam("pluginId") String pluginId, @QueryParam("state") String state) {
        String filter = TicketChecks.stateFilter(state);
        return caller.deferred().flatMap(c -> tickets.list(c, pluginId, filter))
                .map(list -> Responses.ok(new TicketViews.Items(list.stream().map(TicketViews.View::of).toList())));
    }

    @GET
    @Path("/tickets/{ticketId}")
    public Uni<Response> get(@PathParam("ticketId") String ticketId) {
        var id = TicketChecks.uuid("ticketId", ticketId);
        return caller.deferred().flatMap(c -> tickets.get(c, id)).map(t -> Responses.ok(TicketViews.View.of(t)));
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(TicketRequests.Create body) {
        String reportId = TicketChecks.required("reportId", body == null ? null : body.reportId(), 200);
        return caller.deferred().flatMap(c -> tickets.create(c, reportId)).map(t -> Responses.accepted(TicketViews.View.of(t)));
    }

    @POST
    @Path("/update")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> update(TicketRequests.Update body) {
        TicketChecks.Update u = TicketChecks.update(body);
        return caller.deferred().flatMap(c -> tickets.update(c, u.ticketId(), u.comment(), u.state()))
                .map(t -> Responses.ok(TicketViews.View.of(t)));
    }

    @POST
    @Path("/reconcile")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> reconcile(TicketRequests.Reconcile body) {
        String pluginId = body == null ? null : body.pluginId();
        if (pluginId != null && pluginId.length() > 200) {
            throw ApiException.invalid("pluginId", "at most 200 characters");
        }
        return caller.deferred().flatMap(c -> tickets.reconcile(c, pluginId)).map(n -> Responses.accepted(new TicketViews.Reconciling(n)));
    }
}
