package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.stream.config.ConsoleConfig;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The allow-list of the console's proxy: exactly the peer calls the console page makes, by peer, method and path.
 * Anything else answers 404 (405 for a listed path with another method) and never leaves the gateway, so the
 * proxy cannot be used to reach the peers' other endpoints (internal Dev API, blob upload, webhooks, reconcile).
 * Path patterns admit only the characters of the ids they name, so no encoded or dotted segment gets through.
 */
public record ConsoleRoute(Peer peer, String method, Pattern path, Purpose purpose) {

    /** The services behind the proxy, by the name used in {@code /console/api/{peer}/…}. */
    public enum Peer {
        SESSION("session", ConsoleConfig::sessionUrl),
        TELEMETRY("telemetry", ConsoleConfig::telemetryUrl),
        DIAGNOSTICS("diagnostics", ConsoleConfig::diagnosticsUrl),
        TICKETS("tickets", ConsoleConfig::ticketsUrl);

        private final String pathName;
        private final Function<ConsoleConfig, String> baseUrl;

        Peer(String pathName, Function<ConsoleConfig, String> baseUrl) {
            this.pathName = pathName;
            this.baseUrl = baseUrl;
        }

        public String pathName() { return pathName; }

        public String baseUrl(ConsoleConfig config) {
            String url = baseUrl.apply(config);
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        static Optional<Peer> named(String name) {
            for (Peer peer : values()) {
                if (peer.pathName.equals(name)) {
                    return Optional.of(peer);
                }
            }
            return Optional.empty();
        }
    }

    /** What a call is for, where the gateway measures it. */
    public enum Purpose { SESSION_LIST, TERMINATE, OTHER }

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String ID = "[A-Za-z0-9_-]{1,128}";

    static final List<ConsoleRoute> ALLOWED = List.of(
            route(Peer.SESSION, "GET", "/api/admin/dev-hotload/sessions", Purpose.SESSION_LIST),
            route(Peer.SESSION, "POST", "/api/admin/dev-hotload/sessions/" + UUID + "/terminate", Purpose.TERMINATE),
            route(Peer.SESSION, "POST", "/api/admin/dev-hotload/sessions/" + UUID + "/reload", Purpose.OTHER),
            route(Peer.SESSION, "GET", "/api/admin/dev-hotload/audit", Purpose.OTHER),
            route(Peer.TELEMETRY, "GET", "/api/telemetry/alerts", Purpose.OTHER),
            route(Peer.TELEMETRY, "GET", "/api/telemetry/summary", Purpose.OTHER),
            route(Peer.DIAGNOSTICS, "POST", "/internal/debug/logs/export", Purpose.OTHER),
            route(Peer.DIAGNOSTICS, "GET", "/internal/debug/reports", Purpose.OTHER),
            route(Peer.DIAGNOSTICS, "GET", "/internal/debug/report/" + ID, Purpose.OTHER),
            route(Peer.TICKETS, "GET", "/internal/ticket/tickets", Purpose.OTHER),
            route(Peer.TICKETS, "GET", "/internal/ticket/tickets/" + ID, Purpose.OTHER));

    private static ConsoleRoute route(Peer peer, String method, String path, Purpose purpose) {
        return new ConsoleRoute(peer, method, Pattern.compile(path), purpose);
    }

    /** The outcome of looking a call up: allowed (with its route), a known path with another method, or unknown. */
    public sealed interface Match permits Allowed, WrongMethod, Unknown {
    }

    public record Allowed(ConsoleRoute route, String peerPath) implements Match {
    }

    public record WrongMethod() implements Match {
    }

    public record Unknown() implements Match {
    }

    /** Looks up {@code method} on {@code rest}, the raw path after {@code /console/api/} ({@code session/api/…}). */
    public static Match match(String method, String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return new Unknown();
        }
        Optional<Peer> peer = Peer.named(rest.substring(0, slash));
        String peerPath = rest.substring(slash);
        if (peer.isEmpty()) {
            return new Unknown();
        }
        boolean pathKnown = false;
        for (ConsoleRoute route : ALLOWED) {
            if (route.peer == peer.get() && route.path.matcher(peerPath).matches()) {
                if (route.method.equals(method)) {
                    return new Allowed(route, peerPath);
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new WrongMethod() : new Unknown();
    }
}
