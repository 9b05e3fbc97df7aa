package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the parsers read from real and hand-made node and python stacks. */
class StackParserTest {

    private static StackFrame plugin(String file, String function) {
        return new StackFrame(file, function, true);
    }

    @Test
    void nodeEsmStackFromTheHarness() {
        ParsedStack s = StackParser.parse(NodeStacks.MAP_ITEMS_V1.stack());
        assertThat(s.headType()).isEqualTo("TypeError");
        assertThat(s.headMessage()).isEqualTo("Cannot read properties of undefined (reading 'amount')");
        assertThat(s.frames()).containsExactly(plugin("index.mjs", "<anonymous>"),
                new StackFrame("<anonymous>", "map", false), plugin("index.mjs", "mapItems"),
                new StackFrame("event_target", "[nodejs.internal.kHybridDispatch]", false),
                new StackFrame("messageport", "<anonymous>", false));
    }

    @Test
    void nodeModulesFramesAreNotThePlugins() {
        ParsedStack s = StackParser.parse(NodeStacks.NODE_MODULES_REPORT.stack());
        assertThat(s.frames().get(0)).isEqualTo(new StackFrame("index.js", "query", false));
        assertThat(s.pluginFrames(50)).containsExactly(plugin("index.mjs", "report"));
    }

    @Test
    void nodeSyntaxErrorWithTheHarnessExcerpt() {
        ParsedStack s = StackParser.parse(NodeStacks.SYNTAX_RELOAD_SESSION_A.stack());
        assertThat(s.headType()).isEqualTo("SyntaxError");
        assertThat(s.headMessage()).isEqualTo("Unexpected token '{'");
        assertThat(s.pluginFrames(50)).containsExactly(plugin("shared.mjs", "<module>"));
    }

    @Test
    void commonJsFramesArePaths() {
        ParsedStack s = StackParser.parse(NodeStacks.CJS_INCREMENT.stack());
        assertThat(s.pluginFrames(50)).containsExactly(plugin("index.cjs", "increment"));
        String topLevel = """
                ReferenceError: config is not defined
                    at Object.<anonymous> (/tmp/px-sandbox-4/sessions/s/v2/index.cjs:3:1)
                    at Module._compile (node:internal/modules/cjs/loader:1364:14)
                    at Module.load (internal/modules/cjs/loader.js:985:32)""";
        assertThat(StackParser.parse(topLevel).pluginFrames(50)).containsExactly(plugin("index.cjs", "<anonymous>"));
    }

    @Test
    void harnessFilesAreNeverPluginFramesUnlessTheBundleHasOne() {
        String stack = """
                Error: boom
                    at helper (/tmp/px-sandbox-4/sessions/s/v2/lib/harness.mjs:3:9)
                    at Object.invoke (/tmp/px-sandbox-4/harness/plugin-worker.mjs:160:37)
                    at PluginVersion.call (file:///opt/px/harness/harness.mjs:290:5)""";
        assertThat(StackParser.parse(stack).pluginFrames(50)).containsExactly(plugin("harness.mjs", "helper"));
        String python = """
                Traceback (most recent call last):
                  File "/tmp/px-sandbox-4/harness/harness.py", line 480, in run_handler
                  File "/tmp/px-sandbox-4/harness/px_sandbox.py", line 120, in on_reload_async
                  File "/tmp/px-sandbox-4/sessions/s/v2/plugin.py", line 30, in setup_async
                RuntimeError: not ready
                """;
        assertThat(StackParser.parse(python).pluginFrames(50)).containsExactly(plugin("plugin.py", "setup_async"));
    }

    @Test
    void nodeFunctionNameForms() {
        String stack = """
                Error: x
                    at async Object.withdraw (file:///b/v1/index.mjs:23:19)
                    at new Counter (file:///b/v1/counter.mjs:4:11)
                    at Counter.foo [as bar] (file:///b/v1/counter.mjs:9:3)
                    at Object.<computed> [as increment] (file:///b/v1/index.mjs:40:1)
                    at eval (eval at run (file:///b/v1/index.mjs:1:1), <anonymous>:1:1)
                    at Promise.all (index 0)
                    at async Promise.all (index 1)""";
        assertThat(StackParser.parse(stack).frames()).extracting(StackFrame::function).containsExactly(
                "withdraw", "Counter", "foo", "increment", "eval", "all", "all");
        assertThat(StackParser.parse(stack).pluginFrames(50)).hasSize(4);
    }

    @Test
    void pythonChainedExceptionReadsTheLastBlock() {
        ParsedStack s = StackParser.parse(PythonStacks.LOOKUP_CHAINED.stack());
        assertThat(s.headType()).isEqualTo("LookupError");
        assertThat(s.headMessage()).startsWith("unknown sku zz (request ");
        assertThat(s.frames()).containsExactly(plugin("plugin.py", "handle_lookup"));
    }

    @Test
    void pythonStdlibFramesAreNotThePlugins() {
        ParsedStack s = StackParser.parse(PythonStacks.JSON_PARSE_STDLIB.stack());
        assertThat(s.headType()).isEqualTo("json.decoder.JSONDecodeError");
        assertThat(s.frames()).extracting(StackFrame::inPlugin).containsExactly(false, false, false, true);
        assertThat(s.pluginFrames(50)).containsExactly(plugin("plugin.py", "handle_parse"));
    }

    @Test
    void pythonRuntimeLocations() {
        String stack = """
                Traceback (most recent call last):
                  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import
                  File "/srv/venv/lib/python3.12/site-packages/requests/api.py", line 73, in get
                  File "/usr/lib/python3/dist-packages/yaml/__init__.py", line 81, in load
                  File "/usr/lib/python3.12/asyncio/tasks.py", line 277, in __step
                  File "/tmp/px-sandbox-4/sessions/s/v2/plugin.py", line 30, in <module>
                  [Previous line repeated 996 more times]
                ImportError: boom
                """;
        assertThat(StackParser.parse(stack).frames()).extracting(StackFrame::inPlugin)
                .containsExactly(true, false, false, false, false);
    }

    @Test
    void pythonSyntaxErrorLocationIsAModuleFrame() {
        ParsedStack s = StackParser.parse(PythonStacks.SYNTAX_RELOAD_SESSION_A.stack());
        assertThat(s.headType()).isEqualTo("SyntaxError");
        assertThat(s.headMessage()).isEqualTo("expected ':'");
        assertThat(s.frames()).containsExactly(plugin("rules.py", "<module>"), plugin("plugin.py", "<module>"));
    }

    @Test
    void pythonLambdaAndComprehensionFramesAreAnonymous() {
        assertThat(StackParser.parse(PythonStacks.SORTED_LAMBDA.stack()).frames())
                .containsExactly(plugin("plugin.py", "<anonymous>"), plugin("plugin.py", "handle_sorted"));
        assertThat(StackParser.parse(PythonStacks.PRICES_LISTCOMP.stack()).frames())
                .containsExactly(plugin("plugin.py", "<anonymous>"), plugin("plugin.py", "handle_prices"));
    }

    @Test
    void pythonExceptionGroupDoesNotBreakTheParser() {
        String stack = """
                  + Exception Group Traceback (most recent call last):
                  |   File "/tmp/px-sandbox-4/sessions/s/v2/plugin.py", line 9, in handle_batch
                  |     raise ExceptionGroup("batch failed", errors)
                  | ExceptionGroup: batch failed (2 sub-exceptions)
                  +-+---------------- 1 ----------------
                    | ValueError: 1
                    +------------------------------------
                """;
        assertThat(StackParser.parse(stack).pluginFrames(50)).containsExactly(plugin("plugin.py", "handle_batch"));
    }

    @Test
    void multiLineMessagesAndOddHeads() {
        ParsedStack node = StackParser.parse("Error: first\nsecond line\n    at f (/b/v1/a.js:1:1)");
        assertThat(node.headMessage()).isEqualTo("first\nsecond line");
        ParsedStack noHead = StackParser.parse("something odd happened\n    at f (/b/v1/a.js:1:1)");
        assertThat(noHead.headType()).isNull();
        assertThat(noHead.headMessage()).isEqualTo("something odd happened");
        ParsedStack codeHead = StackParser.parse(
                "TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string\n    at f (/b/a.js:1:1)");
        assertThat(codeHead.headType()).isEqualTo("TypeError");
        assertThat(StackParser.parse(null)).isEqualTo(ParsedStack.EMPTY);
        assertThat(StackParser.parse("\r\n")).isEqualTo(ParsedStack.EMPTY);
    }

    @Test
    void windowsLineEndingsAndPaths() {
        ParsedStack s = StackParser.parse("Error: x\r\n    at run (C:\\px\\sessions\\s\\v3\\src\\index.js:3:5)\r\n");
        assertThat(s.frames()).containsExactly(plugin("index.js", "run"));
    }
}
