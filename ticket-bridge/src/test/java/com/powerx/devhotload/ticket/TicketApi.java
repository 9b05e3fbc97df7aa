package com.powerx.devhotload.ticket;

import com.powerx.devhotload.devstack.LocalTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Callers of the ticket API as the tests need them, and waiting for a ticket to reach a state. */
public final class TicketApi {

    private TicketApi() {
    }

    /** An admin of {@code tenant} (permission admin.devHotload.manage). */
    public static RequestSpecification admin(String tenant) {
        return given().header("Authorization", "Bearer " + LocalTokens.forTests().mint(tenant, "ops", List.of("admin.devHotload.manage")));
    }

    /** The tenant's tickets of {@code plugin} (data.items). */
    public static List<java.util.Map<String, Object>> tickets(String tenant, String plugin) {
        return admin(tenant).queryParam("pluginId", plugin).when().get("/internal/ticket/tickets").then().statusCode(200)
                .extract().jsonPath().getList("data.items");
    }

    /** Polls the plugin's only ticket until {@code done} holds for it; fails after {@code within}. */
    public static JsonPath awaitTicket(String tenant, String plugin, Predicate<JsonPath> done, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = admin(tenant).queryParam("pluginId", plugin).when().get("/internal/ticket/tickets").then().statusCode(200)
                    .extract().jsonPath();
            if (last.getList("data.items").size() == 1 && done.test(last.setRootPath("data.items[0]"))) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ticket of " + plugin + " did not reach the expected state: " + (last == null ? "none" : last.prettify()));
    }
}
