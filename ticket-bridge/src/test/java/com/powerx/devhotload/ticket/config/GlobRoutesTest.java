package com.powerx.devhotload.ticket.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code PX_TICKETS_ROUTES} / {@code PX_TICKETS_OWNERS}: first match wins, globs are literal but for * and ?. */
class GlobRoutesTest {

    @Test
    void firstMatchWins() {
        GlobRoutes routes = GlobRoutes.parse("com.acme.pay*=jira, com.acme.*=github,*=local");
        assertThat(routes.match("com.acme.payments")).contains("jira");
        assertThat(routes.match("com.acme.counter")).contains("github");
        assertThat(routes.match("comXacme.counter")).contains("local"); // the dot is literal
        assertThat(GlobRoutes.parse("").match("x")).isEmpty();
    }

    @Test
    void aPairWithoutAValueIsRefused() {
        assertThatThrownBy(() -> GlobRoutes.parse("com.acme.*")).isInstanceOf(IllegalArgumentException.class);
    }
}
