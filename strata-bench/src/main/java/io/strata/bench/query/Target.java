package io.strata.bench.query;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One server speaking the Prometheus query API.
 *
 * @param name short name for tables and JSON lines ({@code prometheus}, {@code victoriametrics}, {@code strata})
 * @param base base URL below which {@code /api/v1/query} lives, e.g. {@code http://127.0.0.1:9090}; a path
 *     prefix such as VictoriaMetrics cluster's {@code /select/0/prometheus} is kept
 * @param extraParams parameters added to every request of this target, e.g. VictoriaMetrics's {@code nocache=1}
 *     that turns off its rollup result cache so repeated iterations measure the query, not the cache
 */
public record Target(String name, URI base, Map<String, String> extraParams) {
    public Target {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("target name must be letters, digits, '_', '.' or '-' [name=" + name + "]");
        }
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("target URL must be http(s)://host:port[/prefix] without query or fragment [target="
                    + name + ", url=" + base + "]");
        }
        extraParams = Map.copyOf(extraParams);
    }

    /**
     * Parses {@code NAME=URL}, the form of {@code --target}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Target parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--target must be NAME=URL, like prometheus=http://127.0.0.1:9090 [value=" + text + "]");
        }
        URI uri;
        try {
            uri = URI.create(text.substring(eq + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target URL is not a URL [value=" + text + "]: " + e.getMessage(), e);
        }
        return new Target(text.substring(0, eq), uri, Map.of());
    }

    /** The same target with one more extra parameter. */
    public Target withParam(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(extraParams);
        p.put(key, value);
        return new Target(name, base, p);
    }

    /** The GET URL of {@code params} sent to {@code kind}'s endpoint, with this target's extra parameters after them. */
    public URI uri(QueryKind kind, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base.toString());
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
            sb.setLength(sb.length() - 1);
        }
        sb.append(kind.path());
        char sep = '?';
        for (Map<String, String> m : List.of(params, new TreeMap<>(extraParams))) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
