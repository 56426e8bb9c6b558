package io.strata.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: Netty NIO event loops parse and write, a virtual thread per request runs
 * the handler (handlers block on storage; STYLE section 7). Keep-alive and pipelining are
 * supported; responses are gzip- or deflate-compressed when the client accepts it and the response
 * is large enough, unless the handler marked it uncompressible (remote read). Large answers may be
 * streamed with chunked transfer encoding ({@link Response#streamed}).
 *
 * <pre>
 * socket -> HttpServerCodec -> HttpContentCompressor -> LimitedAggregator -> RequestDispatcher
 *                                                         (413 if too big)     | one request at a time
 *                                                                              v per connection
 *                                                              virtual thread: RequestProcessor -> Handler
 * </pre>
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Go's net/http allows 1 MiB of request line and headers; long match[] lists need it. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** Below this, compressing costs more than it saves. */
    private static final int COMPRESSION_THRESHOLD_BYTES = 1024;

    private final HttpServerOptions options;
    private final RequestProcessor processor;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService requestExecutor;
    private final ChannelGroup channels;
    private final Channel serverChannel;
    private volatile boolean closed;

    private HttpServer(HttpServerOptions options, Router router, ErrorRenderer errors, RequestObserver observer) {
        this.options = options;
        this.processor = new RequestProcessor(router, errors, observer);
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("strata-http-accept"),
                NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("strata-http-io"), NioIoHandler.newFactory());
        this.requestExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("strata-http-request-", 0).factory());
        this.channels = new DefaultChannelGroup("strata-http", GlobalEventExecutor.INSTANCE);
        try {
            this.serverChannel = bind();
        } catch (RuntimeException e) {
            shutdownGroups();
            requestExecutor.close();
            throw e;
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws StrataException with {@code UNAVAILABLE} when the address cannot be bound
     */
    public static HttpServer start(HttpServerOptions options, Router router, ErrorRenderer errors, RequestObserver observer) {
        return new HttpServer(options, router, errors, observer);
    }

    private Channel bind() {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(
                                        0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(MAX_HEADER_BYTES)
                                        .setMaxHeaderSize(MAX_HEADER_BYTES)))
                                .addLast("unmark", new SelectiveCompressor.MarkRemover())
                                .addLast("compressor", new SelectiveCompressor(COMPRESSION_THRESHOLD_BYTES))
                                .addLast("aggregator", new LimitedAggregator(options.maxRequestBytes()))
                                .addLast("dispatcher", new RequestDispatcher(processor, requestExecutor));
                    }
                });
        InetSocketAddress address = socketAddress(options.listenAddress(), options.port());
        try {
            Channel ch = b.bind(address).syncUninterruptibly().channel();
            channels.add(ch);
            log.info("listening on {}", ch.localAddress());
            return ch;
        } catch (Exception e) {
            throw new StrataException(ErrorCode.UNAVAILABLE,
                    "cannot listen on " + options.listenAddress() + ":" + options.port() + ": " + e.getMessage()
                            + "; choose another http.port or http.listenAddress",
                    e);
        }
    }

    static InetSocketAddress socketAddress(String host, int port) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("*")) {
            return new InetSocketAddress(port); // the wildcard: IPv4 and IPv6 where available
        }
        return new InetSocketAddress(host, port);
    }

    /** The port bound, useful when the options asked for port 0. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting, lets requests in flight finish (up to the shutdown timeout), then closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        processor.stop();
        serverChannel.close().syncUninterruptibly();
        requestExecutor.shutdown();
        try {
            if (!requestExecutor.awaitTermination(options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("requests still running after {}; closing their connections", options.shutdownTimeout());
                requestExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        channels.close().awaitUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        acceptGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
