package com.powerx.devhotload.cli.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorLocationTest {

    private final List<String> bundle = List.of("index.mjs", "lib/counter.mjs", "plugin.py", "pkg/util.py");

    @Test
    void nodeSyntaxErrorHeader() {
        String output = """
                file:///tmp/px-sandbox/abc123/v7/index.mjs:12
                  return {
                         ^
                SyntaxError: Unexpected token '{'
                """;
        assertThat(ErrorLocation.find(output, bundle)).contains(new ErrorLocation.Location("index.mjs", 12));
    }

    @Test
    void nodeStackFramePointsIntoANestedModule() {
        String stack = """
                TypeError: payload.by must be a number
                    at amount (file:///var/px/s-1/lib/counter.mjs:9:11)
                    at Object.increment (file:///var/px/s-1/index.mjs:30:5)
                    at node:internal/process/task_queues:95:5
                """;
        assertThat(ErrorLocation.find(stack, bundle)).contains(new ErrorLocation.Location("lib/counter.mjs", 9));
    }

    @Test
    void pythonTracebackInnermostFrame() {
        String traceback = """
                Traceback (most recent call last):
                  File "/opt/px/harness.py", line 88, in load
                  File "/tmp/px/s-2/plugin.py", line 4, in <module>
                  File "/tmp/px/s-2/pkg/util.py", line 17, in helper
                ZeroDivisionError: division by zero
                """;
        assertThat(ErrorLocation.find(traceback, bundle)).contains(new ErrorLocation.Location("pkg/util.py", 17));
    }

    @Test
    void nothingWhenNoFrameIsInTheBundle() {
        assertThat(ErrorLocation.find("Error: boom\n    at node:internal/x:1:1", bundle)).isEmpty();
        assertThat(ErrorLocation.find(null, bundle)).isEmpty();
    }
}
