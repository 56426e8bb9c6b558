package io.strata.bench.write;

/**
 * Splits the series into one contiguous range per connection, as Prometheus's remote-write queue
 * hashes each series to one shard: a series is only ever sent by one connection, which sends its
 * samples in time order, so every series reaches the receiver in order.
 */
final class ShardLayout {
    private final int seriesCount;
    private final int shards;

    /** At most one shard per series: more connections than series would leave some idle. */
    ShardLayout(int seriesCount, int connections) {
        this.seriesCount = seriesCount;
        this.shards = Math.min(connections, seriesCount);
    }

    int shards() {
        return shards;
    }

    int firstSeries(int shard) {
        return (int) ((long) shard * seriesCount / shards);
    }

    /** One past the last series of {@code shard}. */
    int endSeries(int shard) {
        return (int) ((long) (shard + 1) * seriesCount / shards);
    }

    int size(int shard) {
        return endSeries(shard) - firstSeries(shard);
    }
}
