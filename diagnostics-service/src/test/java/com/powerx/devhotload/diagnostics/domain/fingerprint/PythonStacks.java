package com.powerx.devhotload.diagnostics.domain.fingerprint;

/**
 * Real CPython 3.11 failures as the python harness reported them, recorded like {@link NodeStacks}: session A loaded
 * v1 ({@code plugin.py} + {@code shop/rules.py} + {@code bücher.py}), reloaded to v2 (lines inserted above every
 * function) and to a v3 whose {@code shop/rules.py} misses a {@code :}; session B (another temp dir) loaded v1 and
 * reloaded to the broken one. The harness has already dropped its own, asyncio's and importlib's frames.
 */
final class PythonStacks {

    private PythonStacks() {
    }

    /** pyA.v1.increment */
    static final Failure INCREMENT_V1 = new Failure("TypeError", "'NoneType' object is not subscriptable",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 17, in handle_increment
                self.count += payload["user"]["credits"]
                              ~~~~~~~~~~~~~~~^^^^^^^^^^^
            TypeError: 'NoneType' object is not subscriptable
            """);

    /** pyA.v2.increment */
    static final Failure INCREMENT_V2 = new Failure("TypeError", "'NoneType' object is not subscriptable",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v2/plugin.py", line 24, in handle_increment
                self.count += payload["user"]["credits"]
                              ~~~~~~~~~~~~~~~^^^^^^^^^^^
            TypeError: 'NoneType' object is not subscriptable
            """);

    /** pyB.v1.increment */
    static final Failure INCREMENT_SESSION_B = new Failure("TypeError", "'NoneType' object is not subscriptable",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-fxafrime/sessions/85619a57-3688-4916-9fd9-246ad82e1a48/v1/plugin.py", line 17, in handle_increment
                self.count += payload["user"]["credits"]
                              ~~~~~~~~~~~~~~~^^^^^^^^^^^
            TypeError: 'NoneType' object is not subscriptable
            """);

    /** pyA.v1.deposit */
    static final Failure DEPOSIT_V1 = new Failure("ValueError", "invalid amount -5 for order 890be4bb-3998-45be-a91e-3dc187572204",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 21, in handle_deposit
                return {"ok": validate_amount(payload.get("amount"), payload.get("order_id"))}
                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/shop/rules.py", line 3, in validate_amount
                raise ValueError(f"invalid amount {amount} for order {order_id}")
            ValueError: invalid amount -5 for order 890be4bb-3998-45be-a91e-3dc187572204
            """);

    /** pyA.v1.withdraw */
    static final Failure WITHDRAW_V1 = new Failure("ValueError", "invalid amount 0 for order dd84805d-db3c-46c9-aa07-05b21f800a0b",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 25, in handle_withdraw
                return {"ok": -validate_amount(payload.get("amount"), payload.get("order_id"))}
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/shop/rules.py", line 3, in validate_amount
                raise ValueError(f"invalid amount {amount} for order {order_id}")
            ValueError: invalid amount 0 for order dd84805d-db3c-46c9-aa07-05b21f800a0b
            """);

    /** pyA.v2.withdraw */
    static final Failure WITHDRAW_V2 = new Failure("ValueError", "invalid amount 0 for order 229eb651-5fb5-4976-aa24-948bdf05d223",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v2/plugin.py", line 32, in handle_withdraw
                return {"ok": -validate_amount(payload.get("amount"), payload.get("order_id"))}
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v2/shop/rules.py", line 6, in validate_amount
                raise ValueError(f"invalid amount {amount} for order {order_id}")
            ValueError: invalid amount 0 for order 229eb651-5fb5-4976-aa24-948bdf05d223
            """);

    /** pyA.v1.lookup */
    static final Failure LOOKUP_CHAINED = new Failure("LookupError", "unknown sku zz (request 71fcf1e7236042be8fd09f4f6b24197c)",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 29, in handle_lookup
                return {"sku": {"a": 1}[payload["sku"]]}
                               ~~~~~~~~^^^^^^^^^^^^^^^^
            KeyError: 'zz'

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 31, in handle_lookup
                raise LookupError(f"unknown sku {payload['sku']} (request {payload['request_id']})") from exc
            LookupError: unknown sku zz (request 71fcf1e7236042be8fd09f4f6b24197c)
            """);

    /** pyA.v1.prices */
    static final Failure PRICES_LISTCOMP = new Failure("TypeError", "unsupported operand type(s) for *: 'NoneType' and 'int'",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 34, in handle_prices
                return {"prices": [item["price"] * 2 for item in payload["items"]]}
                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 34, in <listcomp>
                return {"prices": [item["price"] * 2 for item in payload["items"]]}
                                   ~~~~~~~~~~~~~~^~~
            TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'
            """);

    /** pyA.v1.sorted */
    static final Failure SORTED_LAMBDA = new Failure("KeyError", "'rank'",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 37, in handle_sorted
                return {"items": sorted(payload["items"], key=lambda item: item["rank"])}
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 37, in <lambda>
                return {"items": sorted(payload["items"], key=lambda item: item["rank"])}
                                                                           ~~~~^^^^^^^^
            KeyError: 'rank'
            """);

    /** pyA.v1.parse */
    static final Failure JSON_PARSE_STDLIB = new Failure("JSONDecodeError", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 40, in handle_parse
                return json.loads(payload["text"])
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/__init__.py", line 346, in loads
                return _default_decoder.decode(s)
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", line 337, in decode
                obj, end = self.raw_decode(s, idx=_w(s, 0).end())
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/root/.pyenv/versions/3.11.7/lib/python3.11/json/decoder.py", line 353, in raw_decode
                obj, end = self.scan_once(s, idx)
                           ^^^^^^^^^^^^^^^^^^^^^^
            json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
            """);

    /** pyA.v1.check */
    static final Failure CHECK_NON_ASCII = new Failure("ValueError", "Ungültige Menge -3 für Bestellung B-2024-000017 ✗",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/plugin.py", line 43, in handle_check
                return bücher.prüfe(payload["menge"], payload["bestellung"])
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v1/bücher.py", line 2, in prüfe
                raise ValueError(f"Ungültige Menge {menge} für Bestellung {bestellung} ✗")
            ValueError: Ungültige Menge -3 für Bestellung B-2024-000017 ✗
            """);

    /** pyA.v1.slow */
    static final Failure SLOW_TIMEOUT = new Failure(null, "handler \"slow\" did not finish within 300 ms",
            "");

    /** pyA.syntax */
    static final Failure SYNTAX_RELOAD_SESSION_A = new Failure("SyntaxError", "expected ':' (rules.py, line 2)",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v3/plugin.py", line 8, in <module>
                from shop.rules import validate_amount
              File "/tmp/px-sandbox-s_j868wx/sessions/866fec54-8a6d-4f1f-b7ec-4084c24b39c5/v3/shop/rules.py", line 2
                if not isinstance(amount, int) or amount <= 0
                                                             ^
            SyntaxError: expected ':'
            """);

    /** pyB.syntax */
    static final Failure SYNTAX_RELOAD_SESSION_B = new Failure("SyntaxError", "expected ':' (rules.py, line 2)",
            """
            Traceback (most recent call last):
              File "/tmp/px-sandbox-fxafrime/sessions/85619a57-3688-4916-9fd9-246ad82e1a48/v2/plugin.py", line 8, in <module>
                from shop.rules import validate_amount
              File "/tmp/px-sandbox-fxafrime/sessions/85619a57-3688-4916-9fd9-246ad82e1a48/v2/shop/rules.py", line 2
                if not isinstance(amount, int) or amount <= 0
                                                             ^
            SyntaxError: expected ':'
            """);
}
