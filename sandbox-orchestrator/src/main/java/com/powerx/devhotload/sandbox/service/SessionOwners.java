package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.repository.LeaseRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which replica answers a sandbox API call (docs/sandbox-orchestrator.md, "Replicas"). The Service in front of the
 * replicas picks any of them, but a session's sandbox runs on its owner only: a call for a session that does not run
 * here goes to the instance whose live lease covers it, if that is another one and it said where it answers.
 */
@ApplicationScoped
public class SessionOwners {

    private static final Duration DB_WAIT = Duration.ofSeconds(5);

    private final SandboxRegistry registry;
    private final TransactionalOutbox outbox;
    private final LeaseRepository leases;
    private final String me;

    public SessionOwners(SandboxRegistry registry, TransactionalOutbox outbox, LeaseRepository leases, InstanceIdentity instance) {
        this.registry = registry;
        this.outbox = outbox;
        this.leases = leases;
        this.me = instance.value();
    }

    /** The base URL of the replica that runs {@code sessionId}, when that is not this one; empty to answer here. */
    public Optional<URI> elsewhere(String sessionId) {
        UUID id = LifecycleInbox.uuid(sessionId);
        if (id == null || registry.find(sessionId) != null) {
            return Optional.empty(); // not a session id, or known here (running, or stopped here lately): answered here
        }
        LeaseRepository.LiveOwner owner = outbox.pool().withConnection(c -> leases.liveOwner(c, id)).await().atMost(DB_WAIT);
        if (owner == null || owner.instanceId().equals(me)) {
            return Optional.empty(); // nobody serves it right now, or it is on its way here (adopted, starting)
        }
        return Optional.of(URI.create(owner.url()));
    }

    /** The other replicas that run sandboxes right now (live leases), for a list that covers every replica. */
    public List<LeaseRepository.LiveOwner> peers() {
        return outbox.pool().withConnection(c -> leases.livePeers(c, me)).await().atMost(DB_WAIT);
    }
}
