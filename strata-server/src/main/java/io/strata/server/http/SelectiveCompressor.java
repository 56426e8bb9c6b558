package io.strata.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Gzip or deflate for responses the client accepts them for, except those the dispatcher marked
 * as not compressible (remote read). The mark is a header that {@link MarkRemover}, nearer the
 * socket, takes off every response, whichever path the compressor took.
 */
final class SelectiveCompressor extends HttpContentCompressor {
    static final String DO_NOT_COMPRESS = "X-Strata-Internal-Do-Not-Compress";

    SelectiveCompressor(int thresholdBytes) {
        super(thresholdBytes, StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate());
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        if (response.headers().contains(DO_NOT_COMPRESS)) {
            return null;
        }
        return super.beginEncode(response, acceptEncoding);
    }

    /** Removes the internal mark before the response is encoded onto the wire. */
    static final class MarkRemover extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response) {
                response.headers().remove(DO_NOT_COMPRESS);
            }
            ctx.write(msg, promise);
        }
    }
}
