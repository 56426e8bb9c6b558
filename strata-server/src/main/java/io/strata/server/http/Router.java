package io.strata.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the route of a path: exact patterns by hash lookup, patterns with parameters by scan. */
public final class Router {
    private final Map<String, Route> exact = new HashMap<>();
    private final List<Route> parameterized = new ArrayList<>();

    public Router add(Route route) {
        if (route.pattern().contains("/:")) {
            parameterized.add(route);
        } else if (exact.putIfAbsent(route.pattern(), route) != null) {
            throw new IllegalArgumentException("BUG: route registered twice: " + route.pattern());
        }
        return this;
    }

    /** A route and the decoded path parameters it matched. */
    public record Match(Route route, Map<String, String> pathParams) {}

    /** The route for {@code path}, or {@code null}. */
    public Match match(String path) {
        Route r = exact.get(path);
        if (r != null) {
            return new Match(r, Map.of());
        }
        List<String> segments = split(path);
        for (Route route : parameterized) {
            Map<String, String> params = matchSegments(route.segments(), segments);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    private static Map<String, String> matchSegments(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith(":")) {
                params.put(p.substring(1), decodeSegment(path.get(i)));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    /**
     * Percent-decodes one path segment as UTF-8. Unlike form decoding, '+' stays '+'.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                out.write(raw[i]);
                continue;
            }
            int hi = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw[i + 2], 16) : -1;
            if (lo < 0) {
                throw new IllegalArgumentException("invalid URL escape in path segment \"" + segment + "\"");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
