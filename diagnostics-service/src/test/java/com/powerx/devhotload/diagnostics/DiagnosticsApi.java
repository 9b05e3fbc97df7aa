package com.powerx.devhotload.diagnostics;

import com.powerx.devhotload.devstack.LocalTokens;
import io.restassured.specification.RequestSpecification;

import java.util.List;

import static io.restassured.RestAssured.given;

/** Callers of diagnostics' API as the tests need them. */
public final class DiagnosticsApi {

    private DiagnosticsApi() {
    }

    /** An admin of {@code tenant} (permission admin.devHotload.manage). */
    public static RequestSpecification admin(String tenant) {
        return given().header("Authorization", "Bearer " + LocalTokens.forTests().mint(tenant, "ops", List.of("admin.devHotload.manage")));
    }
}
