package io.strata.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of each connection's pipeline: hands requests to the request executor, one at a
 * time per connection so pipelined requests are answered in order, and writes the answers back on
 * the event loop. One instance per connection; its fields are touched only on that connection's
 * event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    /** Pipelined requests beyond this stop reading from the socket until the queue drains. */
    private static final int MAX_QUEUED = 16;
    /** How long a connection stays half-closed after its last answer before the socket closes. */
    private static final long LINGER_MILLIS = 500;

    private final RequestProcessor processor;
    private final ExecutorService executor;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean busy;
    /** The last answer went out with "Connection: close"; later input is read and dropped. */
    private boolean closing;

    RequestDispatcher(RequestProcessor processor, ExecutorService executor) {
        this.processor = processor;
        this.executor = executor;
    }

    /** A request waiting for its turn; {@code ready} is set when the answer needs no handler. */
    private record Pending(Request request, boolean keepAlive, HttpVersion version, Response ready) {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Pending pending;
        try {
            pending = switch (msg) {
                case FullHttpRequest req -> toPending(req, ctx);
                case OversizedRequest over -> new Pending(
                        new Request(over.method(), over.uri(), new DefaultHttpHeaders(), new byte[0]),
                        false,
                        HttpVersion.HTTP_1_1,
                        processor.tooLarge(over));
                default -> null;
            };
        } finally {
            ReferenceCountUtil.release(msg);
        }
        if (pending == null) {
            return;
        }
        queue.add(pending);
        if (queue.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        if (!busy) {
            startNext(ctx);
        }
    }

    private Pending toPending(FullHttpRequest req, ChannelHandlerContext ctx) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            Request r = new Request(req.method(), req.uri(), req.headers(), new byte[0]);
            return new Pending(r, false, HttpVersion.HTTP_1_1, processor.malformed(r.path(), req.decoderResult().cause()));
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        Request request = new Request(req.method(), req.uri(), req.headers(), body, new ChannelConnection(ctx.channel()));
        return new Pending(request, keepAlive, req.protocolVersion(), null);
    }

    private void startNext(ChannelHandlerContext ctx) {
        Pending p = queue.poll();
        if (p == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        if (p.ready() != null) {
            write(ctx, p, p.ready());
            return;
        }
        try {
            executor.execute(() -> {
                Response response;
                try {
                    response = processor.process(p.request());
                } catch (Throwable t) { // an Error from a handler must still answer, or the connection hangs
                    response = processor.internalError(p.request(), t);
                }
                Response answer = response;
                if (answer.stream() != null && !p.request().method().equals(HttpMethod.HEAD)) {
                    stream(ctx, p, answer);
                } else {
                    ctx.executor().execute(() -> write(ctx, p, answer));
                }
            });
        } catch (RejectedExecutionException e) {
            write(ctx, p, processor.shuttingDown(p.request().path()));
        }
    }

    private void write(ChannelHandlerContext ctx, Pending p, Response response) {
        boolean keepAlive = p.keepAlive() && !processor.isStopping();
        boolean head = p.request().method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(
                p.version(),
                HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        setHeaders(res, response, p.version(), keepAlive);
        if (response.stream() == null) {
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        ChannelFuture future = ctx.writeAndFlush(res);
        answered(ctx, future, keepAlive);
    }

    /**
     * Sends a streamed body from the request thread: status and headers first, then chunks as the
     * writer produces them. A writer that fails after the status was sent cannot change it, so the
     * connection is aborted and the client sees a broken response, never a silently short one.
     */
    private void stream(ChannelHandlerContext ctx, Pending p, Response response) {
        boolean keepAlive = p.keepAlive() && !processor.isStopping();
        HttpResponse res = new DefaultHttpResponse(p.version(), HttpResponseStatus.valueOf(response.status()));
        setHeaders(res, response, p.version(), keepAlive);
        HttpUtil.setTransferEncodingChunked(res, true);
        ChunkedBodyStream out = new ChunkedBodyStream(ctx);
        try {
            ctx.writeAndFlush(res);
            response.stream().write(out);
            out.finish();
        } catch (IOException | RuntimeException e) {
            log.warn("streaming the answer to {} {} failed after its status was sent; aborting the connection",
                    p.request().method(), p.request().uri(), e);
            ctx.close();
            return;
        }
        ctx.executor().execute(() -> answered(ctx, ctx.newSucceededFuture(), keepAlive));
    }

    private static void setHeaders(HttpResponse res, Response response, HttpVersion version, boolean keepAlive) {
        if (response.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            res.headers().set(h.getKey(), h.getValue());
        }
        if (!response.compressible()) {
            res.headers().set(SelectiveCompressor.DO_NOT_COMPRESS, "1");
        }
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** After a response went out: close, or go on with the next queued request. Event loop only. */
    private void answered(ChannelHandlerContext ctx, ChannelFuture written, boolean keepAlive) {
        if (!keepAlive) {
            closing = true;
            queue.clear();
            written.addListener(f -> lingeringClose(ctx));
            return;
        }
        startNext(ctx);
    }

    /**
     * Closes the output first, so the client reads the whole answer and then the end of the
     * stream, and the socket only a little later. Closing a socket with unread input makes the
     * kernel send a reset, which can destroy an answer the client has not read yet: the case of a
     * 413 sent while the client is still sending the body it refused. Input meanwhile is dropped.
     */
    private void lingeringClose(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
            ctx.close();
            return;
        }
        ctx.channel().config().setAutoRead(true);
        duplex.shutdownOutput().addListener(f -> ctx.executor().schedule(
                () -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
    }

    /** Closes a connection that stayed idle with no request in progress (slow or forgotten clients). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!busy && queue.isEmpty()) {
                log.debug("closing idle connection {}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /** Status for a request Netty could not decode: a too long line or header, or bad syntax. */
    static int statusOfDecodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        if (cause instanceof TooLongFrameException) {
            return 413;
        }
        return 400;
    }
}
