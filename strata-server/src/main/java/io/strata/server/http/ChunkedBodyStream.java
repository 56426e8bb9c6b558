package io.strata.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An {@link OutputStream} that sends what is written as HTTP chunks of up to 64 KiB. Each chunk
 * waits until Netty has taken it, so a slow client slows the writer down instead of filling the
 * heap. Used from a request thread, never from an event loop (it blocks).
 */
final class ChunkedBodyStream extends OutputStream {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private byte[] buffer = new byte[CHUNK_BYTES];
    private int used;

    ChunkedBodyStream(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(len, buffer.length - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered as one chunk. */
    @Override
    public void flush() throws IOException {
        if (used == 0) {
            return;
        }
        byte[] chunk = Arrays.copyOf(buffer, used);
        used = 0;
        await(ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk))));
    }

    /** Sends the rest and the terminating chunk. */
    void finish() throws IOException {
        flush();
        buffer = null;
        await(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private static void await(ChannelFuture f) throws IOException {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("client connection failed while streaming a response", f.cause());
        }
    }
}
