package io.strata.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** A {@link ClientConnection} over a Netty channel: its close future tells when the client left. */
final class ChannelConnection implements ClientConnection {
    private final Channel channel;

    ChannelConnection(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Registration onClose(Runnable action) {
        ChannelFutureListener listener = future -> action.run();
        channel.closeFuture().addListener(listener);
        return () -> channel.closeFuture().removeListener(listener);
    }
}
