package io.strata.storage.merge;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** A querier over a fixed map of series to samples, for tests. */
class ListQuerier implements Querier {
    private final TreeMap<Labels, long[][]> series = new TreeMap<>();
    private final List<String> warnings;
    boolean closed;

    ListQuerier(List<String> warnings) {
        this.warnings = warnings;
    }

    ListQuerier add(Labels labels, long[] ts, double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        series.put(labels, new long[][] {ts, bits});
        return this;
    }

    private List<Labels> matching(List<Matcher> matchers) {
        List<Labels> out = new ArrayList<>();
        for (Labels l : series.keySet()) {
            boolean all = true;
            for (Matcher m : matchers) {
                String v = l.get(m.name());
                all &= m.matches(v == null ? "" : v);
            }
            if (all) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        List<Labels> ls = matching(matchers);
        return new SeriesSet() {
            int i = -1;

            @Override
            public boolean next() {
                return ++i < ls.size();
            }

            @Override
            public Series at() {
                Labels l = ls.get(i);
                long[][] data = series.get(l);
                return new Series() {
                    @Override
                    public Labels labels() {
                        return l;
                    }

                    @Override
                    public SampleCursor cursor(SampleCursor reuse) {
                        double[] v = new double[data[1].length];
                        for (int k = 0; k < v.length; k++) {
                            v[k] = Double.longBitsToDouble(data[1][k]);
                        }
                        return new ArrayCursor(data[0], v);
                    }
                };
            }

            @Override
            public List<String> warnings() {
                return warnings;
            }
        };
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        for (Labels l : matching(matchers)) {
            names.addAll(l.names());
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        TreeSet<String> values = new TreeSet<>();
        for (Labels l : matching(matchers)) {
            String v = l.get(name);
            if (v != null) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public void close() {
        closed = true;
    }
}
