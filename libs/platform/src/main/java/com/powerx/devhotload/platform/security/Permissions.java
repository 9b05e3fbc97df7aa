package com.powerx.devhotload.platform.security;

import java.util.Set;

/** Permission names carried in the {@code groups}/{@code roles} claims. */
public final class Permissions {

    /** Admin API and admin stream, limited to the caller's tenant. */
    public static final String ADMIN_MANAGE = "admin.devHotload.manage";
    /** Admin reach across every tenant. */
    public static final String ADMIN_GLOBAL = "admin.devHotload.global";

    /**
     * A service of this suite acting for whichever tenant owns the session it names (the orchestrator fetching a
     * session's bundle blobs). Granted to service tokens only, never to people.
     */
    public static final String SERVICE = "devHotload.service";

    /** What a local-mode loopback caller holds. */
    public static final Set<String> ALL = Set.of(ADMIN_MANAGE, ADMIN_GLOBAL);

    private Permissions() {
    }
}
