package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.state.ReloadStatus;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import com.powerx.devhotload.session.domain.Reload;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** Reloads that were {@code waiting-for-files}: sent to the sandbox once the last of their blobs has arrived. */
@ApplicationScoped
public class WaitingReloads {

    private final SessionRepository sessions;
    private final ReloadRepository reloads;
    private final BlobRepository blobs;

    public WaitingReloads(SessionRepository sessions, ReloadRepository reloads, BlobRepository blobs) {
        this.sessions = sessions;
        this.reloads = reloads;
        this.blobs = blobs;
    }

    /** Called on the transaction that recorded a blob of {@code tenant}, so the release commits with it. */
    Uni<Void> release(SqlClient tx, String tenant) {
        return reloads.waitingForFiles(tx, tenant)
                .flatMap(waiting -> Multi.createFrom().iterable(waiting)
                        .onItem().transformToUniAndConcatenate(r -> releaseIfComplete(tx, tenant, r))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> releaseIfComplete(SqlClient tx, String tenant, Reload r) {
        return blobs.missing(tx, tenant, BlobService.hashes(r.files())).flatMap(missing -> !missing.isEmpty()
                ? Uni.createFrom().voidItem()
                : reloads.markStatus(tx, r.sessionId(), r.sequence(), ReloadStatus.ACCEPTED)
                        .flatMap(v -> sessions.findById(tx, r.sessionId()))
                        .flatMap(session -> ReloadService.requested(tx, session, r, "developer")));
    }
}
