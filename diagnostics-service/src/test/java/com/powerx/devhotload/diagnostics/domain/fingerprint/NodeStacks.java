package com.powerx.devhotload.diagnostics.domain.fingerprint;

/**
 * Real node 20 failures as the node harness reported them ({@code error.name}, {@code .message}, {@code .stack} of
 * the harness's reply), recorded by driving harness.mjs over its control socket like the orchestrator does: bundles
 * materialised in {@code /tmp/px-sandbox-<random>/sessions/<sessionId>/v<sequence>/}, session A loaded v1
 * ({@code index.mjs} + {@code lib/shared.mjs} + {@code lib/über.mjs} + {@code node_modules/fakedb}), reloaded to v2
 * (the same code with lines inserted above every function) and to a v3 whose {@code lib/shared.mjs} misses a
 * {@code )}; session B (another temp dir) loaded v5 = v1 and reloaded to the broken v6; session C ran a CommonJS
 * bundle ({@code index.cjs}, then {@code lib/über.cjs}). The cache-buster pair was recorded with plain node
 * importing {@code ./index.mjs?v=123} and {@code ?v=124}. See docs/diagnostics-fingerprints.md.
 */
final class NodeStacks {

    private NodeStacks() {
    }

    /** nodeA.v1.increment */
    static final Failure INCREMENT_V1 = new Failure("TypeError", "Cannot read properties of undefined (reading 'credits')",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:12:27)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v2.increment */
    static final Failure INCREMENT_V2 = new Failure("TypeError", "Cannot read properties of undefined (reading 'credits')",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/index.mjs:20:27)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeB.v1.increment */
    static final Failure INCREMENT_SESSION_B = new Failure("TypeError", "Cannot read properties of undefined (reading 'credits')",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (file:///tmp/px-sandbox-tqjih79a/sessions/10eb6d9f-a9fb-4186-b2bd-949fcb7932d3/v5/index.mjs:12:27)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeBust.123.increment */
    static final Failure INCREMENT_CACHE_BUST_123 = new Failure("TypeError", "",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (file:///tmp/px-sandbox-s4xx9nku/bundle-8c1f2a/index.mjs?v=123:12:27)
                at file:///tmp/px-sandbox-s4xx9nku/bundle-8c1f2a/[eval1]:1:69""");

    /** nodeBust.124.increment */
    static final Failure INCREMENT_CACHE_BUST_124 = new Failure("TypeError", "",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (file:///tmp/px-sandbox-s4xx9nku/bundle-8c1f2a/index.mjs?v=124:12:27)
                at file:///tmp/px-sandbox-s4xx9nku/bundle-8c1f2a/[eval1]:1:69""");

    /** nodeA.v1.deposit */
    static final Failure DEPOSIT_V1 = new Failure("RangeError", "invalid amount -5 for order 358dd46b-ecf4-4efa-a97b-85ef47404750",
            """
            RangeError: invalid amount -5 for order 358dd46b-ecf4-4efa-a97b-85ef47404750
                at validateAmount (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/lib/shared.mjs:4:11)
                at Object.deposit (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:16:18)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.withdraw */
    static final Failure WITHDRAW_V1 = new Failure("RangeError", "invalid amount 0 for order 252a3864-373a-4c9b-bdc6-96f387d77a7d",
            """
            RangeError: invalid amount 0 for order 252a3864-373a-4c9b-bdc6-96f387d77a7d
                at validateAmount (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/lib/shared.mjs:4:11)
                at Object.withdraw (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:20:19)""");

    /** nodeA.v2.withdraw */
    static final Failure WITHDRAW_V2 = new Failure("RangeError", "invalid amount 0 for order f2c658c6-628d-47d9-ba11-422b191ffda7",
            """
            RangeError: invalid amount 0 for order f2c658c6-628d-47d9-ba11-422b191ffda7
                at validateAmount (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/lib/shared.mjs:6:11)
                at Object.withdraw (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/index.mjs:28:19)""");

    /** nodeA.v1.charge.declined */
    static final Failure CHARGE_DECLINED = new Failure("Error", "E1001: card declined for ann@example.com at 2023-11-14T22:13:20.000Z",
            """
            Error: E1001: card declined for ann@example.com at 2023-11-14T22:13:20.000Z
                at Object.charge (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:24:11)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.charge.expired */
    static final Failure CHARGE_EXPIRED = new Failure("Error", "E2002: card expired for bob@example.org at 2024-04-05T19:34:38.901Z",
            """
            Error: E2002: card expired for bob@example.org at 2024-04-05T19:34:38.901Z
                at Object.charge (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:23:32)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.fetchUser.404 */
    static final Failure FETCH_USER_404 = new Failure("Error", "GET https://api.example.com/users/42 failed: HTTP 404 after 87ms (request 9f86d081884c7d65)",
            """
            Error: GET https://api.example.com/users/42 failed: HTTP 404 after 87ms (request 9f86d081884c7d65)
                at Object.fetchUser (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:27:17)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.fetchUser.500 */
    static final Failure FETCH_USER_500 = new Failure("Error", "GET https://api.example.com/users/77 failed: HTTP 500 after 1203ms (request 2c26b46b68ffc68f)",
            """
            Error: GET https://api.example.com/users/77 failed: HTTP 500 after 1203ms (request 2c26b46b68ffc68f)
                at Object.fetchUser (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:27:17)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.connect.refused */
    static final Failure CONNECT_REFUSED = new Failure("Error", "connect ECONNREFUSED 10.0.0.5:5432",
            """
            Error: connect ECONNREFUSED 10.0.0.5:5432
                at Object.connect (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:32:17)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.connect.timeout */
    static final Failure CONNECT_TIMEOUT = new Failure("Error", "connect ETIMEDOUT 10.0.0.5:5432",
            """
            Error: connect ETIMEDOUT 10.0.0.5:5432
                at Object.connect (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:32:17)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.mapItems */
    static final Failure MAP_ITEMS_V1 = new Failure("TypeError", "Cannot read properties of undefined (reading 'amount')",
            """
            TypeError: Cannot read properties of undefined (reading 'amount')
                at file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:37:51
                at Array.map (<anonymous>)
                at Object.mapItems (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:37:26)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v2.mapItems */
    static final Failure MAP_ITEMS_V2 = new Failure("TypeError", "Cannot read properties of undefined (reading 'amount')",
            """
            TypeError: Cannot read properties of undefined (reading 'amount')
                at file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/index.mjs:45:51
                at Array.map (<anonymous>)
                at Object.mapItems (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/index.mjs:45:26)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.parse */
    static final Failure JSON_PARSE = new Failure("SyntaxError", "Expected property name or '}' in JSON at position 1",
            """
            SyntaxError: Expected property name or '}' in JSON at position 1
                at JSON.parse (<anonymous>)
                at Object.parse (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:40:17)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v2.report */
    static final Failure NODE_MODULES_REPORT = new Failure("Error", "relation \"orders\" does not exist (query took 12ms)",
            """
            Error: relation "orders" does not exist (query took 12ms)
                at Object.query (/tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/node_modules/fakedb/index.js:3:15)
                at Object.report (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v2/index.mjs:51:19)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.check */
    static final Failure CHECK_NON_ASCII = new Failure("RangeError", "Ungültige Menge -3 für Bestellung B-2024-000017 ✗",
            """
            RangeError: Ungültige Menge -3 für Bestellung B-2024-000017 ✗
                at prüfe (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/lib/%C3%BCber.mjs:2:9)
                at Object.check (file:///tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v1/index.mjs:46:12)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeA.v1.slow */
    static final Failure SLOW_TIMEOUT = new Failure(null, "handler \"slow\" did not finish within 300 ms",
            "");

    /** nodeA.syntax */
    static final Failure SYNTAX_RELOAD_SESSION_A = new Failure("SyntaxError", "Unexpected token '{' (lib/shared.mjs:2)",
            """
            /tmp/px-sandbox-pw7vlx77/sessions/7a47c590-d9e6-426a-88a8-6f15bfca6c4e/v3/lib/shared.mjs:2
              if (!Number.isInteger(amount) || amount <= 0 {
                                                           ^

            SyntaxError: Unexpected token '{'
                at compileSourceTextModule (node:internal/modules/esm/utils:346:16)
                at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)
                at #translate (node:internal/modules/esm/loader:497:12)
                at ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)""");

    /** nodeB.syntax */
    static final Failure SYNTAX_RELOAD_SESSION_B = new Failure("SyntaxError", "Unexpected token '{' (lib/shared.mjs:2)",
            """
            /tmp/px-sandbox-tqjih79a/sessions/10eb6d9f-a9fb-4186-b2bd-949fcb7932d3/v6/lib/shared.mjs:2
              if (!Number.isInteger(amount) || amount <= 0 {
                                                           ^

            SyntaxError: Unexpected token '{'
                at compileSourceTextModule (node:internal/modules/esm/utils:346:16)
                at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)
                at #translate (node:internal/modules/esm/loader:497:12)
                at ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)""");

    /** nodeCjs.increment */
    static final Failure CJS_INCREMENT = new Failure("TypeError", "Cannot read properties of undefined (reading 'credits')",
            """
            TypeError: Cannot read properties of undefined (reading 'credits')
                at Object.increment (/tmp/px-sandbox-5ax6a9u1/sessions/96911cfa-e3cf-4788-8c57-e0e577fd09ff/v1/index.cjs:5:25)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeCjs.boom */
    static final Failure CJS_BOOM = new Failure("TypeError", "boom",
            """
            TypeError: boom
                at Object.boom (/tmp/px-sandbox-5ax6a9u1/sessions/96911cfa-e3cf-4788-8c57-e0e577fd09ff/v1/index.cjs:13:13)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");

    /** nodeCjs.check */
    static final Failure CJS_CHECK_NON_ASCII = new Failure("RangeError", "Ungültige Menge -4 für Bestellung B-2024-000018 ✗",
            """
            RangeError: Ungültige Menge -4 für Bestellung B-2024-000018 ✗
                at prüfe (/tmp/px-sandbox-5ax6a9u1/sessions/96911cfa-e3cf-4788-8c57-e0e577fd09ff/v2/lib/über.cjs:2:9)
                at Object.check (/tmp/px-sandbox-5ax6a9u1/sessions/96911cfa-e3cf-4788-8c57-e0e577fd09ff/v2/index.cjs:5:12)
                at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)
                at MessagePort.<anonymous> (node:internal/per_context/messageport:23:28)""");
}
