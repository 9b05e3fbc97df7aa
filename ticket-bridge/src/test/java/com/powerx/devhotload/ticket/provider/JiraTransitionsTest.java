package com.powerx.devhotload.ticket.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Transitions are chosen from the issue's own list by name and status category, never by a configured id. */
class JiraTransitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void closePrefersAFixOverWontDoAndReopenLeavesDone() throws Exception {
        var list = JSON.readTree("{\"transitions\":["
                + "{\"id\":\"21\",\"name\":\"Won't Do\",\"to\":{\"name\":\"Won't Do\",\"statusCategory\":{\"key\":\"done\"}}},"
                + "{\"id\":\"5\",\"name\":\"Finish\",\"to\":{\"name\":\"Shipped\",\"statusCategory\":{\"key\":\"done\"}}},"
                + "{\"id\":\"31\",\"name\":\"Resolve\",\"to\":{\"name\":\"Resolved\",\"statusCategory\":{\"key\":\"done\"}}},"
                + "{\"id\":\"41\",\"name\":\"Back to backlog\",\"to\":{\"name\":\"Backlog\",\"statusCategory\":{\"key\":\"new\"}}}]}");
        assertThat(JiraTransitions.toClose(list)).contains("31");
        assertThat(JiraTransitions.toReopen(list)).contains("41");
    }

    @Test
    void aDoneCategoryTargetIsTheFallbackAndNothingFittingIsEmpty() throws Exception {
        var list = JSON.readTree("{\"transitions\":[{\"id\":\"21\",\"name\":\"Won't Do\",\"to\":{\"name\":\"Won't Do\",\"statusCategory\":{\"key\":\"done\"}}},"
                + "{\"id\":\"5\",\"name\":\"Finish\",\"to\":{\"name\":\"Shipped\",\"statusCategory\":{\"key\":\"done\"}}}]}");
        assertThat(JiraTransitions.toClose(list)).contains("5");
        assertThat(JiraTransitions.toClose(JSON.readTree("{\"transitions\":[{\"id\":\"21\",\"name\":\"Won't Do\","
                + "\"to\":{\"name\":\"Won't Do\",\"statusCategory\":{\"key\":\"done\"}}}]}"))).isEmpty();
        assertThat(JiraTransitions.toReopen(list)).isEmpty();
    }
}
