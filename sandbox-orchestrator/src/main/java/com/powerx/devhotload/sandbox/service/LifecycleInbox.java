package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.config.LeaseConfig;
import com.powerx.devhotload.sandbox.repository.LeaseRepository;
import com.powerx.devhotload.sandbox.repository.PendingLifecycleRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The idempotent handler of {@code dev.session.lifecycle}: each event becomes a pending row in the inbox, addressed to
 * the instance that owns its session (this one, or the replica that runs its sandbox), which takes it from there
 * ({@link SandboxLeases}). A registration makes the session this instance's.
 */
@ApplicationScoped
public class LifecycleInbox {

    static final String CONSUMER = "sandbox-orchestrator.lifecycle";

    private final LeaseRepository leases;
    private final PendingLifecycleRepository inbox;
    private final LeaseConfig config;
    private final String me;

    public LifecycleInbox(LeaseRepository leases, PendingLifecycleRepository inbox, LeaseConfig config, InstanceIdentity instance) {
        this.leases = leases;
        this.inbox = inbox;
        this.config = config;
        this.me = instance.value();
    }

    /** The handler of one record: its pending row keeps the record's own text (made only on a first delivery). */
    public EventHandler handlerFor(byte[] record) {
        return new EventHandler() {
            @Override
            public String consumerName() {
                return CONSUMER;
            }

            @Override
            public Uni<Void> handle(SqlClient tx, CloudEvent event) {
                return event.sessionid() == null ? Uni.createFrom().voidItem() : route(tx, event, new String(record, StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * In the consumer's transaction, with the processed mark: the event's pending row, addressed to the session's owner
     * (whose row is locked against adoption until the commit). An event of an ended session needs no row.
     */
    Uni<Void> route(SqlClient tx, CloudEvent event, String encoded) {
        UUID session = uuid(event.sessionid());
        if (session == null) {
            return inbox.add(tx, event.id(), me, event.sessionid(), encoded); // no sandbox can have it: dropped by the intake
        }
        Uni<LeaseRepository.Owner> owner = EventTypes.SESSION_REGISTERED.equals(event.type())
                ? claim(tx, session, EventCodec.payload(event, SessionRegistered.class))
                : leases.ownerOf(tx, session);
        return owner.flatMap(o -> {
            if (o != null && o.ended()) {
                return Uni.createFrom().voidItem();
            }
            String to = o == null || o.instanceId() == null ? me : o.instanceId();
            return inbox.add(tx, event.id(), to, event.sessionid(), encoded);
        });
    }

    private Uni<LeaseRepository.Owner> claim(SqlClient tx, UUID session, SessionRegistered r) {
        return leases.claimNew(tx, session, r.tenantId(), r.pluginId(), r.runtime(), r.entry(), r.sandboxEndpoint(), me,
                config.durationMs());
    }

    /** The session id as a UUID, or null when it is not one (then no sandbox row can have it). */
    static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
