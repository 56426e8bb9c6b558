package io.strata.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Netty's aggregator, except that a body over the limit becomes an {@link OversizedRequest} for the
 * dispatcher (which answers 413 with a message naming the limit) instead of Netty's bodiless 413.
 * The aggregator then discards the rest of the body; the dispatcher closes the connection after
 * answering, because the client may still be sending it.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    private final int limit;

    LimitedAggregator(int limit) {
        super(limit);
        this.limit = limit;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            throw new IllegalStateException("BUG: a server pipeline aggregated a response");
        }
        long declared = -1;
        String header = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (header != null) {
            try {
                declared = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        ctx.fireChannelRead(new OversizedRequest(request.method(), request.uri(), declared, limit));
    }
}
