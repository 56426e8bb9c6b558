package io.strata.server.api;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import io.strata.storage.Storage;
import io.strata.testing.InMemoryStorage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A store whose metric {@code slow} has {@code seriesCount} series, each produced after a pause, as
 * from a slow disk: a query over it runs for {@code seriesCount × pause} unless it stops early.
 * Each series has one sample, value 1, at every multiple of 15s in the asked range. Series are
 * made on demand, so memory stays small; {@link #produced()} counts them. Everything else is an
 * {@link InMemoryStorage}.
 */
final class SlowSeriesStorage implements Storage {
    static final String METRIC = "slow";
    private static final long INTERVAL_MS = 15_000;

    private final InMemoryStorage other = new InMemoryStorage();
    private final int seriesCount;
    private final long pauseNanos;
    private final AtomicLong produced = new AtomicLong();

    SlowSeriesStorage(int seriesCount, long pauseNanos) {
        this.seriesCount = seriesCount;
        this.pauseNanos = pauseNanos;
    }

    long produced() {
        return produced.get();
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        Querier inner = other.querier(minTime, maxTime);
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
                for (Matcher m : matchers) {
                    if (m.name().equals(Labels.METRIC_NAME) && !m.matches(METRIC)) {
                        return inner.select(sorted, hints, matchers);
                    }
                }
                return new SlowSet(minTime, maxTime);
            }

            @Override
            public List<String> labelNames(int limit, List<Matcher> matchers) {
                return inner.labelNames(limit, matchers);
            }

            @Override
            public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
                return inner.labelValues(name, limit, matchers);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    private final class SlowSet implements SeriesSet {
        private final long minTime;
        private final long maxTime;
        private int index = -1;

        SlowSet(long minTime, long maxTime) {
            this.minTime = minTime;
            this.maxTime = maxTime;
        }

        @Override
        public boolean next() {
            if (index + 1 >= seriesCount) {
                return false;
            }
            LockSupport.parkNanos(pauseNanos);
            index++;
            produced.incrementAndGet();
            return true;
        }

        @Override
        public Series at() {
            Labels labels = Labels.of(Labels.METRIC_NAME, METRIC, "i", Integer.toString(index));
            return new Series() {
                @Override
                public Labels labels() {
                    return labels;
                }

                @Override
                public SampleCursor cursor(SampleCursor reuse) {
                    return new EveryInterval(minTime, maxTime);
                }
            };
        }
    }

    /** Samples of value 1 at the multiples of 15s within [min, max]. */
    private static final class EveryInterval implements SampleCursor {
        private static final long BEFORE_FIRST = Long.MIN_VALUE;
        private static final long EXHAUSTED = Long.MAX_VALUE;
        private final long first;
        private final long max;
        private long t = BEFORE_FIRST;

        EveryInterval(long min, long max) {
            this.first = Math.floorDiv(min + INTERVAL_MS - 1, INTERVAL_MS) * INTERVAL_MS;
            this.max = max;
        }

        @Override
        public int next() {
            long candidate = t == BEFORE_FIRST ? first : t == EXHAUSTED ? EXHAUSTED : t + INTERVAL_MS;
            t = candidate > max ? EXHAUSTED : candidate;
            return t == EXHAUSTED ? NONE : FLOAT;
        }

        @Override
        public int seek(long minTimestamp) {
            if (t != BEFORE_FIRST && t >= minTimestamp) {
                return t == EXHAUSTED ? NONE : FLOAT;
            }
            long target = Math.max(first, Math.floorDiv(minTimestamp + INTERVAL_MS - 1, INTERVAL_MS) * INTERVAL_MS);
            t = target > max ? EXHAUSTED : target;
            return t == EXHAUSTED ? NONE : FLOAT;
        }

        @Override
        public long timestamp() {
            return t;
        }

        @Override
        public double value() {
            return 1;
        }
    }

    @Override
    public Appender appender() {
        return other.appender();
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        return other.metadata(metric, limit);
    }

    @Override
    public void deleteSeries(List<Matcher> matchers, long minTime, long maxTime) {
        other.deleteSeries(matchers, minTime, maxTime);
    }

    @Override
    public void flushHead() {
        other.flushHead();
    }

    @Override
    public int compactNow() {
        return other.compactNow();
    }

    @Override
    public CardinalityStats cardinality(int topN) {
        return other.cardinality(topN);
    }

    @Override
    public Health health() {
        return other.health();
    }

    @Override
    public void close() {
        other.close();
    }
}
