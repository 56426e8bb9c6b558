package io.strata.server.ingest;

import io.strata.ingest.remoteread.RemoteReadHandler;
import io.strata.ingest.remoteread.RemoteReadRequest;
import io.strata.ingest.remoteread.RemoteReadResponse;
import io.strata.model.StrataException;
import io.strata.server.http.ErrorCodes;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/v1/read}: adapts the remote-read handler. The body is produced in memory before
 * the status is sent, so a storage failure while reading still becomes an error status rather than
 * a truncated answer. The handler marks its body {@code Content-Encoding: snappy}, which also keeps
 * the HTTP layer from compressing it again.
 */
public final class RemoteReadRoute implements Handler {
    private final RemoteReadHandler handler;

    public RemoteReadRoute(RemoteReadHandler handler) {
        this.handler = handler;
    }

    @Override
    public Response handle(Request request) {
        byte[] body = request.body();
        RemoteReadResponse answer = handler.handle(new RemoteReadRequest(
                request.header("Content-Type"), request.header("Content-Encoding"), body, body.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            answer.writeBody(out);
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: writing to memory failed", e);
        } catch (StrataException e) {
            byte[] message = ("remote read failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            return Response.of(ErrorCodes.statusOf(e.code()), Response.TEXT, message);
        }
        return RemoteWriteRoute.toResponse(answer.status(), answer.headers(), out.toByteArray());
    }
}
