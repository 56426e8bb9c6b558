package io.strata.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * A path pattern, the methods it accepts and its handler. Patterns are literal segments and
 * {@code :name} segments, e.g. {@code /api/v1/label/:name/values}. The pattern is also the
 * {@code handler} label of the HTTP metrics, so their cardinality stays fixed.
 */
public record Route(String pattern, Set<HttpMethod> methods, Handler handler) {
    public Route {
        methods = Set.copyOf(methods);
    }

    public static Route of(String pattern, Handler handler, HttpMethod... methods) {
        return new Route(pattern, Set.of(methods), handler);
    }

    List<String> segments() {
        return Router.split(pattern);
    }
}
