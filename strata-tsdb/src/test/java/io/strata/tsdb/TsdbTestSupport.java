package io.strata.tsdb;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the TSDB tests. */
final class TsdbTestSupport {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    /** A "now" on a 2h boundary, far from zero. */
    static final long NOW = 1_700_006_400_000L;

    private TsdbTestSupport() {}

    static TsdbOptions.Builder options(Path dir, TestClock clock) {
        return TsdbOptions.builder().dataDir(dir).clock(clock).backgroundWork(false)
                .walSegmentSizeBytes(1 << 20);
    }

    static Labels series(String name, String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "__name__";
        all[1] = name;
        System.arraycopy(more, 0, all, 2, more.length);
        return Labels.of(all);
    }

    /** Appends {@code count} samples at {@code start + i * step} with value i, in one commit. */
    static void appendRange(Storage db, Labels labels, long start, long step, int count) {
        Appender app = db.appender();
        for (int i = 0; i < count; i++) {
            AppendStatus s = app.append(0, labels, start + i * step, i);
            if (s != AppendStatus.OK) {
                throw new AssertionError("sample " + i + " at " + (start + i * step) + " rejected: " + s);
            }
        }
        app.commit();
    }

    /** Every series matching {@code matchers}, with its samples as {@code t=v} strings. */
    static Map<Labels, List<String>> readAll(Storage db, Matcher... matchers) {
        try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return read(q, Long.MIN_VALUE, Long.MAX_VALUE, matchers);
        }
    }

    static Map<Labels, List<String>> read(Querier q, long start, long end, Matcher... matchers) {
        Map<Labels, List<String>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, SelectHints.range(start, end), List.of(matchers));
        SampleCursor reuse = null;
        while (set.next()) {
            List<String> samples = new ArrayList<>();
            reuse = set.at().cursor(reuse);
            SampleCursor c = io.strata.testing.AssertingSampleCursor.wrap(reuse);
            long prev = Long.MIN_VALUE;
            while (c.next() == SampleCursor.FLOAT) {
                if (c.timestamp() <= prev) {
                    throw new AssertionError("timestamps not increasing: " + prev + " then " + c.timestamp());
                }
                prev = c.timestamp();
                samples.add(c.timestamp() + "=" + c.value());
            }
            if (!samples.isEmpty()) {
                out.put(set.at().labels(), samples);
            }
        }
        return out;
    }

    static int sampleCount(Map<Labels, List<String>> data) {
        int n = 0;
        for (List<String> l : data.values()) {
            n += l.size();
        }
        return n;
    }
}
