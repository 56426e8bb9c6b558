package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.storage.CardinalityStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/** Cardinality statistics of a head, computed from its index as Prometheus computes them. */
public final class HeadStats {
    private HeadStats() {}

    /**
     * The statistics behind {@code /api/v1/status/tsdb}: top {@code topN} metric names by series,
     * label names by distinct values, label names by bytes of values (value length times series),
     * and label pairs by series.
     */
    public static CardinalityStats cardinality(Head head, int topN) {
        int n = topN <= 0 ? 10 : topN;
        TopN byMetric = new TopN(n);
        TopN valuesByName = new TopN(n);
        TopN bytesByName = new TopN(n);
        TopN byPair = new TopN(n);
        long[] pairs = {0};
        head.index.forEachName((name, values) -> {
            valuesByName.offer(name, values.size());
            pairs[0] += values.size();
            long bytes = 0;
            for (Map.Entry<String, MutableRoaringBitmap> e : values.entrySet()) {
                long series = e.getValue().getLongCardinality();
                bytes += (long) utf8Length(e.getKey()) * series;
                byPair.offer(name + "=" + e.getKey(), series);
                if (name.equals(Labels.METRIC_NAME)) {
                    byMetric.offer(e.getKey(), series);
                }
            }
            bytesByName.offer(name, bytes);
        });
        Head.HeadMemory memory = head.memory();
        long min = head.minTime();
        long max = head.heldMaxTime();
        return new CardinalityStats(head.numSeries(), memory.chunkCount(), min, max, pairs[0],
                byMetric.sorted(), valuesByName.sorted(), bytesByName.sorted(), byPair.sorted());
    }

    private static int utf8Length(String s) {
        int len = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c)) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    /** Keeps the {@code n} largest counts; ties broken by name for stable output. */
    private static final class TopN {
        private static final Comparator<CardinalityStats.Count> SMALLEST_FIRST =
                Comparator.comparingLong(CardinalityStats.Count::value)
                        .thenComparing(CardinalityStats.Count::name, Comparator.reverseOrder());
        private final int n;
        private final PriorityQueue<CardinalityStats.Count> heap = new PriorityQueue<>(SMALLEST_FIRST);

        TopN(int n) {
            this.n = n;
        }

        void offer(String name, long value) {
            CardinalityStats.Count c = new CardinalityStats.Count(name, value);
            if (heap.size() < n) {
                heap.add(c);
            } else if (SMALLEST_FIRST.compare(c, heap.peek()) > 0) {
                heap.poll();
                heap.add(c);
            }
        }

        List<CardinalityStats.Count> sorted() {
            List<CardinalityStats.Count> out = new ArrayList<>(heap);
            out.sort(SMALLEST_FIRST.reversed());
            return out;
        }
    }
}
