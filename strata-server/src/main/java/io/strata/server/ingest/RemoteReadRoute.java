package io.strata.server.ingest;

import io.strata.ingest.remoteread.RemoteReadHandler;
import io.strata.ingest.remoteread.RemoteReadRequest;
import io.strata.ingest.remoteread.RemoteReadResponse;
import io.strata.server.http.Handler;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/read}: adapts the remote-read handler. A 200 answer is streamed as the
 * handler produces it (a STREAMED_XOR_CHUNKS answer runs its queries while it writes, so memory
 * stays bounded by a frame); if it fails midway the connection is aborted, as the handler's
 * contract requires. Errors are small and buffered. Remote-read answers are never compressed by
 * the server: clients expect the protocol's own bytes (snappy, or framed protobuf).
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
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        String contentType = headers.remove("Content-Type");
        if (answer.status() == 200) {
            return Response.streamed(200, contentType, headers, answer::writeBody).uncompressed();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            answer.writeBody(out);
        } catch (IOException e) {
            throw new UncheckedIOException("BUG: writing to memory failed", e);
        }
        return new Response(answer.status(), contentType, out.toByteArray(), headers).uncompressed();
    }
}
