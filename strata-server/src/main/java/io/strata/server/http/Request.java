package io.strata.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fully received HTTP request as handlers see it. Parameters merge the URL query and, for a
 * form-encoded POST, PUT or PATCH body, the body's fields, body values first: the order Go's
 * {@code Request.Form} has, which Prometheus's handlers (and so its clients) rely on.
 * Used by one thread at a time.
 */
public final class Request {
    /** Go's net/http has no limit; this bounds the work a hostile query string can cause. */
    private static final int MAX_PARAMS = 100_000;

    private final HttpMethod method;
    private final String uri;
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;
    private final ClientConnection connection;
    private Map<String, String> pathParams = Map.of();
    private Map<String, List<String>> params;

    public Request(HttpMethod method, String uri, HttpHeaders headers, byte[] body) {
        this(method, uri, headers, body, ClientConnection.NONE);
    }

    public Request(HttpMethod method, String uri, HttpHeaders headers, byte[] body, ClientConnection connection) {
        this.method = method;
        this.uri = uri;
        this.path = pathOf(uri);
        this.headers = headers;
        this.body = body;
        this.connection = connection;
    }

    public HttpMethod method() {
        return method;
    }

    /** The decoded path, without the query string. */
    public String path() {
        return path;
    }

    public String uri() {
        return uri;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The header's value, or {@code null}. */
    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The body; the request owns the array. Empty when there is none. */
    public byte[] body() {
        return body;
    }

    /**
     * Runs {@code action} if the client closes its connection before the registration is closed,
     * e.g. to cancel a query nobody waits for any more. See {@link ClientConnection#onClose}.
     */
    public ClientConnection.Registration onClientGone(Runnable action) {
        return connection.onClose(action);
    }

    /** The value of a {@code :name} segment of the route pattern, decoded. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    void setPathParams(Map<String, String> pathParams) {
        this.pathParams = pathParams;
    }

    /** The first value of a parameter, or {@code null} when absent (an empty value stays ""). */
    public String param(String name) {
        List<String> values = params().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a parameter, body values first; empty when absent. */
    public List<String> params(String name) {
        List<String> values = params().get(name);
        return values == null ? List.of() : values;
    }

    /**
     * All parameters.
     *
     * @throws StrataException with {@code BAD_DATA} when the query string or form body is malformed
     */
    public Map<String, List<String>> params() {
        if (params == null) {
            params = decodeParams();
        }
        return params;
    }

    private Map<String, List<String>> decodeParams() {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        try {
            if (hasFormBody()) {
                String form = new String(body, StandardCharsets.UTF_8);
                addAll(merged, decoder().hasPath(false).build(form).parameters());
            }
            addAll(merged, decoder().build(uri).parameters());
        } catch (IllegalArgumentException e) {
            throw new StrataException(ErrorCode.BAD_DATA, "error parsing form values: " + e.getMessage());
        }
        return merged;
    }

    private boolean hasFormBody() {
        if (body.length == 0 || !(method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT)
                || method.equals(HttpMethod.PATCH))) {
            return false;
        }
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static QueryStringDecoder.Builder decoder() {
        // Go treats ';' as an ordinary character (and rejects it); it never separates parameters.
        return QueryStringDecoder.builder().maxParams(MAX_PARAMS).semicolonIsNormalChar(true)
                .charset(StandardCharsets.UTF_8);
    }

    private static void addAll(Map<String, List<String>> into, Map<String, List<String>> from) {
        from.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        String raw = q < 0 ? uri : uri.substring(0, q);
        int hash = raw.indexOf('#');
        return hash < 0 ? raw : raw.substring(0, hash);
    }
}
