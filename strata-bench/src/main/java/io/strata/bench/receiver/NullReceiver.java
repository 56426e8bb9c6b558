package io.strata.bench.receiver;

import io.airlift.compress.v3.snappy.SnappyDecompressor;
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
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP server that answers every request with 204 and throws the body away, counting requests
 * and bytes: the fastest receiver possible, to measure what the load generator itself sustains.
 * By default it streams bodies chunk by chunk (no aggregation, no decompression), so it costs
 * the generator's machine as little CPU as a receiver can. With {@code countSamples} it also
 * decompresses each body and counts its samples, answering malformed bodies with 400 and 2.0
 * requests with {@code X-Prometheus-Remote-Write-Samples-Written}, as a real 2.0 receiver does.
 */
public final class NullReceiver implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final boolean countSamples;

    private NullReceiver(String host, int port, int threads, boolean countSamples) throws InterruptedException {
        this.countSamples = countSamples;
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

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one) with {@code threads} event
     * loops; {@code countSamples} decodes enough of each body to count its samples.
     */
    public static NullReceiver start(String host, int port, int threads, boolean countSamples) throws InterruptedException {
        return new NullReceiver(host, port, threads, countSamples);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public long requests() {
        return requests.sum();
    }

    /** Samples counted; always 0 unless started with {@code countSamples}. */
    public long samples() {
        return samples.sum();
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
        private final SnappyDecompressor snappy = SnappyDecompressor.create();
        private boolean keepAlive;
        private boolean v2;
        private byte[] body = new byte[0];
        private int bodyLength;
        private byte[] raw = new byte[0];

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                keepAlive = HttpUtil.isKeepAlive(request);
                String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
                v2 = type.contains("io.prometheus.write.v2.Request");
                bodyLength = 0;
            }
            if (msg instanceof HttpContent content) {
                int n = content.content().readableBytes();
                bytes.add(n);
                if (countSamples) {
                    if (bodyLength + n > body.length) {
                        body = Arrays.copyOf(body, Math.max(bodyLength + n, body.length * 2));
                    }
                    content.content().readBytes(body, bodyLength, n);
                    bodyLength += n;
                }
            }
            if (msg instanceof LastHttpContent) {
                requests.increment();
                FullHttpResponse response = countSamples ? countAndRespond() : empty(HttpResponseStatus.NO_CONTENT);
                HttpUtil.setKeepAlive(response, keepAlive);
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }

        private FullHttpResponse countAndRespond() {
            long n;
            try {
                int size = snappy.getUncompressedLength(body, 0);
                if (size > raw.length) {
                    raw = new byte[size];
                }
                int length = snappy.decompress(body, 0, bodyLength, raw, 0, raw.length);
                n = SampleCounter.count(raw, length, v2);
            } catch (RuntimeException e) {
                byte[] text = ("cannot decode remote-write body: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                FullHttpResponse bad = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
                bad.content().writeBytes(text);
                bad.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, text.length);
                return bad;
            }
            samples.add(n);
            FullHttpResponse ok = empty(HttpResponseStatus.NO_CONTENT);
            if (v2) {
                setWritten(ok, n);
            }
            return ok;
        }
    }

    private static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    private static void setWritten(HttpResponse response, long samples) {
        response.headers().set("X-Prometheus-Remote-Write-Samples-Written", samples);
        response.headers().set("X-Prometheus-Remote-Write-Histograms-Written", 0);
        response.headers().set("X-Prometheus-Remote-Write-Exemplars-Written", 0);
    }
}
