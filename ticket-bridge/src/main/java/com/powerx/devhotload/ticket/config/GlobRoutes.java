package com.powerx.devhotload.ticket.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code <plugin-id glob>=<value>} pairs, comma-separated, first match wins ({@code PX_TICKETS_ROUTES},
 * {@code PX_TICKETS_OWNERS}). {@code *} matches any run of characters, {@code ?} one.
 */
public final class GlobRoutes {

    private record Route(Pattern glob, String value) {
    }

    private final List<Route> routes;

    private GlobRoutes(List<Route> routes) {
        this.routes = routes;
    }

    /** @throws IllegalArgumentException for a pair without {@code =}: a wrong route must stop the service, not misroute. */
    public static GlobRoutes parse(String spec) {
        List<Route> routes = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new GlobRoutes(routes);
        }
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("route '" + pair.trim() + "' is not <glob>=<value>");
            }
            routes.add(new Route(compile(pair.substring(0, eq).trim()), pair.substring(eq + 1).trim()));
        }
        return new GlobRoutes(routes);
    }

    public Optional<String> match(String pluginId) {
        for (Route route : routes) {
            if (route.glob().matcher(pluginId).matches()) {
                return Optional.of(route.value());
            }
        }
        return Optional.empty();
    }

    public List<String> values() {
        return routes.stream().map(Route::value).toList();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
