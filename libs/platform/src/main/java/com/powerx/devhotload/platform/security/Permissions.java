package com.powerx.devhotload.platform.security;

import java.util.Set;

/** Permission names carried in the {@code groups}/{@code roles} claims. */
public final class Permissions {

    /** Admin API and admin stream, limited to the caller's tenant. */
    public static final String ADMIN_MANAGE = "admin.devHotload.manage";
    /** Admin reach across every tenant. */
    public static final String ADMIN_GLOBAL = "admin.devHotload.global";

    /** What a local-mode loopback caller holds. */
    public static final Set<String> ALL = Set.of(ADMIN_MANAGE, ADMIN_GLOBAL);

    private Permissions() {
    }
}
