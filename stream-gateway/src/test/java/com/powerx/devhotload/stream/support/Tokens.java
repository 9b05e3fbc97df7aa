package com.powerx.devhotload.stream.support;

import com.powerx.devhotload.devstack.LocalTokens;
import com.powerx.devhotload.platform.security.Permissions;

import java.util.List;

/** JWTs the gateway accepts in tests (signed with the test JVM's local dev key). */
public final class Tokens {

    private Tokens() {
    }

    public static String admin(String tenant) {
        return LocalTokens.forTests().mint(tenant, "admin@" + tenant, List.of(Permissions.ADMIN_MANAGE));
    }

    public static String globalAdmin(String tenant) {
        return LocalTokens.forTests().mint(tenant, "root@" + tenant, List.of(Permissions.ADMIN_MANAGE, Permissions.ADMIN_GLOBAL));
    }

    public static String developer(String tenant, String subject) {
        return LocalTokens.forTests().mint(tenant, subject, List.of());
    }
}
