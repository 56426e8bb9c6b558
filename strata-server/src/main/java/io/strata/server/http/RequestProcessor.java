package io.strata.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.strata.model.StrataException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one request to its handler and turns every outcome into a response: unknown path 404,
 * wrong method 405, handler errors by their code, bugs 500 with an error id (details in the log).
 * Thread-safe; runs on request threads.
 */
final class RequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(RequestProcessor.class);
    static final String NOT_FOUND_HANDLER = "notfound";

    private final Router router;
    private final ErrorRenderer errors;
    private final RequestObserver observer;
    private volatile boolean stopping;

    RequestProcessor(Router router, ErrorRenderer errors, RequestObserver observer) {
        this.router = router;
        this.errors = errors;
        this.observer = observer;
    }

    void stop() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    Response process(Request request) {
        long start = System.nanoTime();
        String path = request.path();
        Router.Match match;
        try {
            match = router.match(path);
        } catch (IllegalArgumentException e) {
            Response r = errors.render(path, 400, "bad_data", e.getMessage());
            observer.observe(NOT_FOUND_HANDLER, r.status(), System.nanoTime() - start);
            return r;
        }
        if (match == null) {
            Response r = errors.render(path, 404, "not_found", "no such path: " + path);
            observer.observe(NOT_FOUND_HANDLER, r.status(), System.nanoTime() - start);
            return r;
        }
        Route route = match.route();
        Response response = dispatch(route, match, request);
        observer.observe(route.pattern(), response.status(), System.nanoTime() - start);
        return response;
    }

    private Response dispatch(Route route, Router.Match match, Request request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (!route.methods().contains(method)) {
            String allowed = allowed(route.methods());
            if (method.equals(HttpMethod.OPTIONS)) {
                return Response.noContent().withHeader("Allow", allowed + ", OPTIONS");
            }
            return errors.render(path, 405, "bad_data",
                            "method " + method + " is not allowed for " + route.pattern() + "; use " + allowed)
                    .withHeader("Allow", allowed);
        }
        request.setPathParams(match.pathParams());
        try {
            return route.handler().handle(request);
        } catch (StrataException e) {
            return errors.render(path, ErrorCodes.statusOf(e.code()), ErrorCodes.errorTypeOf(e.code()), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return internalError(request, e);
        }
    }

    /** A 500 naming an error id; the stack trace goes to the log under the same id only. */
    Response internalError(Request request, Throwable e) {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("request {} {} failed [errorId={}]", request.method(), request.uri(), id, e);
        return errors.render(request.path(), 500, "internal",
                "internal server error [errorId=" + id + "]; the server log has the details");
    }

    Response tooLarge(OversizedRequest over) {
        String path = Request.pathOf(over.uri());
        String size = over.declaredLength() >= 0 ? "of " + over.declaredLength() + " bytes " : "";
        Response r = errors.render(path, 413, "bad_data", "request body " + size + "exceeds the limit of "
                + over.limit() + " bytes (limits.maxRequestBytes); send smaller requests or raise the limit");
        observer.observe(handlerOf(path), 413, 0);
        return r;
    }

    Response malformed(String path, Throwable cause) {
        int status = RequestDispatcher.statusOfDecodeFailure(cause);
        Response r = errors.render(path, status, "bad_data", "malformed HTTP request: " + cause.getMessage());
        observer.observe(handlerOf(path), status, 0);
        return r;
    }

    Response shuttingDown(String path) {
        return errors.render(path, 503, "unavailable", "the server is shutting down");
    }

    private String handlerOf(String path) {
        try {
            Router.Match m = router.match(path);
            return m == null ? NOT_FOUND_HANDLER : m.route().pattern();
        } catch (IllegalArgumentException e) {
            return NOT_FOUND_HANDLER;
        }
    }

    private static String allowed(Set<HttpMethod> methods) {
        return new TreeSet<>(methods.stream().map(HttpMethod::name).collect(Collectors.toSet())).stream()
                .collect(Collectors.joining(", "));
    }
}
