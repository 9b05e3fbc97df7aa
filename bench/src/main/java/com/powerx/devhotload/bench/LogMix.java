package com.powerx.devhotload.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plugin's log as diagnostics sees it: 80–300 character lines, ~94 % info, ~5 % warn, ~1 % error with a Node stack
 * trace (three failure kinds, so the report groups them), ~1 % carrying a secret the masking engine must catch on
 * ingest (a database URL with a password, an AWS access key, a bearer JWT, a Stripe key). The last line is an error.
 */
final class LogMix {

    /** One line: its level and its message. */
    record Line(String level, String message) {
    }

    private static final String[] INFO = {
        "GET /api/v1/orders/%d 200 %dms user=u-%d",
        "counter incremented to %d (handler=onInvoke) in %d ms, store size %d",
        "cache hit ratio 0.%d over %d lookups, evicted %d entries",
        "fetched %d rows from inventory in %d ms (page %d)",
        "webhook delivered to https://hooks.example.com/acme/%d status=202 in %d ms attempt=%d",
        "[harness] handler onEvent done in %d ms (queue depth %d, heap %d MB)",
    };
    private static final String[] WARN = {
        "slow query on products: %d ms > 200 ms threshold (rows=%d, plan=%d)",
        "retrying upstream call to https://api.partner.example.com/v2/stock (attempt %d of 3, waited %d ms, id %d): ETIMEDOUT",
        "deprecated API ctx.legacyStore.get() used %d times in %d ms by handler %d; use ctx.store.get()",
    };
    private static final String[] ERRORS = {
        "TypeError: Cannot read properties of undefined (reading 'quantity')\n    at computeTotal (file:///sandbox/plugin/lib/cart.mjs:%d:17)\n"
            + "    at Array.reduce (<anonymous>)\n    at onInvoke (file:///sandbox/plugin/index.mjs:18:22)\n"
            + "    at async Harness.invoke (file:///opt/px/harness/harness.mjs:211:9)",
        "Error: connect ECONNREFUSED 10.0.%d.7:5432\n    at TCPConnectWRAP.afterConnect [as oncomplete] (node:net:1607:16)\n"
            + "    at async Pool.connect (file:///sandbox/plugin/lib/db.mjs:31:5)\n    at async onEvent (file:///sandbox/plugin/index.mjs:40:3)",
        "RangeError: Invalid array length %d\n    at paginate (file:///sandbox/plugin/lib/pages.mjs:12:9)\n"
            + "    at onInvoke (file:///sandbox/plugin/index.mjs:25:10)",
    };
    private static final String[] FILLERS = {" tenant=acme", " region=eu-central-1", " cache=hit", " retries=0", " status=200",
        " pool=pg-1 active=4 idle=6", " thread=worker-3", " path=/api/v1/sessions/42"};

    private LogMix() {
    }

    static List<Line> lines(int n, Random r) {
        List<Line> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double p = i == n - 1 ? 0 : r.nextDouble();
            if (p < 0.01) {
                out.add(new Line("error", String.format(ERRORS[r.nextInt(ERRORS.length)], 10 + r.nextInt(90))));
            } else if (p < 0.02) {
                out.add(new Line("info", pad(secret(r), r)));
            } else if (p < 0.07) {
                out.add(new Line("warn", pad(format(WARN[r.nextInt(WARN.length)], r), r)));
            } else {
                out.add(new Line("info", pad(format(INFO[r.nextInt(INFO.length)], r), r)));
            }
        }
        return out;
    }

    static long errors(List<Line> lines) {
        return lines.stream().filter(l -> l.level().equals("error")).count();
    }

    private static String format(String template, Random r) {
        return String.format(template, r.nextInt(10_000), r.nextInt(900), r.nextInt(100_000));
    }

    private static String secret(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "connecting to postgres://orders_app:" + alnum(r, 14) + "@db.internal:5432/orders";
            case 1 -> "uploading report with aws_access_key_id=AKIA" + upper(r, 16) + " to s3://acme-reports";
            case 2 -> "calling partner API with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9." + alnum(r, 40) + "." + alnum(r, 43);
            default -> "charging card with stripe key sk_live_" + alnum(r, 24);
        };
    }

    private static String pad(String line, Random r) {
        int target = 80 + r.nextInt(221);
        StringBuilder b = new StringBuilder(line);
        while (b.length() < target) {
            b.append(FILLERS[r.nextInt(FILLERS.length)]);
        }
        return b.toString();
    }

    private static String alnum(Random r, int n) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static String upper(Random r, int n) {
        return alnum(r, n * 3).replaceAll("[^A-Z0-9]", "").concat("QZ7K3M2X9W4P8R5T").substring(0, n);
    }
}
