package io.strata.bench.receiver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP server that answers every request with 204 and throws the body away, counting requests
 * and bytes: the fastest receiver possible, to measure what the load generator itself sustains.
 * Streams bodies chunk by chunk (no aggregation, no decompression), so it costs the generator's
 * machine as little CPU as a receiver can.
 */
public final class NullReceiver implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    private NullReceiver(String host, int port, int threads) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(threads, Thread.ofPlatform().name("null-receiver-", 0).factory(), NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new Discard());
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            throw e;
        }
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one) with {@code threads} event loops. */
    public static NullReceiver start(String host, int port, int threads) throws InterruptedException {
        return new NullReceiver(host, port, threads);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public long requests() {
        return requests.sum();
    }

    /** Body bytes received (compressed, as sent). */
    public long bytes() {
        return bytes.sum();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    private final class Discard extends SimpleChannelInboundHandler<HttpObject> {
        private boolean keepAlive;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                keepAlive = HttpUtil.isKeepAlive(request);
            }
            if (msg instanceof HttpContent content) {
                bytes.add(content.content().readableBytes());
            }
            if (msg instanceof LastHttpContent) {
                requests.increment();
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
                HttpUtil.setKeepAlive(response, keepAlive);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }
}
