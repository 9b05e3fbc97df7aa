package com.powerx.devhotload.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

/**
 * The {@link Caller} of the current request, derived once from its security identity. Resources inject this
 * (request scoped, so safe in singleton resources) and pass the {@link Caller} value on to their services.
 * Authentication is lazy: reactive resources use {@link #deferred()} (it never blocks the event loop), blocking ones
 * may use {@link #get()}. A bad token fails either with the 401 envelope.
 */
@RequestScoped
public class CurrentCaller {

    private final CurrentIdentityAssociation association;
    private final CallerFactory callers;
    private Caller caller;

    public CurrentCaller(CurrentIdentityAssociation association, CallerFactory callers) {
        this.association = association;
        this.callers = callers;
    }

    /** For resources running on a worker thread. */
    public Caller get() {
        if (caller == null) {
            caller = callers.from(association.getIdentity());
        }
        return caller;
    }

    /** For reactive resources: resolves the identity without blocking. */
    public Uni<Caller> deferred() {
        if (caller != null) {
            return Uni.createFrom().item(caller);
        }
        return association.getDeferredIdentity().map(identity -> {
            caller = callers.from(identity);
            return caller;
        });
    }
}
