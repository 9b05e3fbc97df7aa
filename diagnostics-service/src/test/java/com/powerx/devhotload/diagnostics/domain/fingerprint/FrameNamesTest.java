package com.powerx.devhotload.diagnostics.domain.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Basenames of frame locations and normalised function names. */
class FrameNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            file:///tmp/px-sandbox-pw7/sessions/7a4/v1/index.mjs:12:27        | index.mjs
            file:///tmp/px-sandbox-pw7/sessions/7a4/v1/index.mjs?v=123:12:27  | index.mjs
            file:///tmp/b/index.mjs?v=1#frag:1:1                             | index.mjs
            file:///tmp/b/lib/%C3%BCber.mjs:2:9                              | über.mjs
            file:///tmp/b/lib/100%25.mjs:2:9                                 | 100%.mjs
            file:///tmp/b/lib/bad%zz.mjs:2:9                                 | bad%zz.mjs
            /tmp/px-sandbox-5ax/sessions/969/v2/lib/über.cjs:2:9             | über.cjs
            /srv/app/index.js:3                                              | index.js
            C:\\px\\v3\\index.js:3:5                                          | index.js
            webpack:///./src/handlers.js:10:3                                | handlers.js
            node:internal/event_target:831:20                                | event_target
            <anonymous>                                                      | <anonymous>
            """)
    void basenames(String location, String expected) {
        assertThat(FrameLocations.basename(location)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            node:internal/modules/esm/utils                  | true
            internal/modules/cjs/loader.js                   | true
            <anonymous>                                      | true
            native                                           | true
            index 0                                          | true
            eval at run (file:///b/v1/index.mjs:1:1), <anonymous> | true
            /srv/b/v1/node_modules/fakedb/index.js           | true
            /opt/px/harness/harness.mjs                      | true
            file:///opt/px/harness/plugin-worker.mjs         | true
            /tmp/px-sandbox/sessions/s1/v3/harness.mjs       | false
            file:///tmp/px-sandbox/sessions/s1/v3/index.mjs  | false
            /srv/b/v1/lib/node_modules_helper.js             | false
            """)
    void nodeRuntimeLocations(String location, boolean runtime) {
        assertThat(FrameLocations.isNodeRuntime(location)).isEqualTo(runtime);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Object.increment                    | increment
            async Object.withdraw               | withdraw
            new Counter                         | Counter
            Counter.foo [as bar]                | foo
            Object.<computed> [as increment]    | increment
            Object.<anonymous>                  | <anonymous>
            MessagePort.<anonymous>             | <anonymous>
            anonymous                           | <anonymous>
            ''                                  | <anonymous>
            [nodejs.internal.kHybridDispatch]   | [nodejs.internal.kHybridDispatch]
            Object.[Symbol.iterator]            | [Symbol.iterator]
            #translate                          | #translate
            handler2                            | handler2
            """)
    void nodeFunctionNames(String raw, String expected) {
        assertThat(FunctionNames.node(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            handle_increment    | handle_increment
            <module>            | <module>
            <lambda>            | <anonymous>
            <listcomp>          | <anonymous>
            <genexpr>           | <anonymous>
            <dictcomp>          | <anonymous>
            ShopPlugin.handle_x | handle_x
            prüfe               | prüfe
            """)
    void pythonFunctionNames(String raw, String expected) {
        assertThat(FunctionNames.python(raw)).isEqualTo(expected);
    }
}
