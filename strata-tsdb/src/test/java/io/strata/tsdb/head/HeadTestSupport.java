package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for head tests: a head with a fixed clock, and reading series back as text. */
final class HeadTestSupport {
    static final long HOUR = 3_600_000L;
    /** A fixed "now" far from zero, so retention arithmetic is exercised. */
    static final long NOW = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 2 * HOUR);

    private HeadTestSupport() {}

    static HeadOptions options(Path dir) {
        return new HeadOptions(dir, OsStorageFiles.INSTANCE, 2 * HOUR, 10 * 60_000L, 15 * 24 * HOUR,
                10 * 60_000L, 0, 1 << 20, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    }

    static Head head(Path dir) throws IOException {
        return new Head(options(dir), HeadLog.NONE);
    }

    static Labels series(String name, String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "__name__";
        all[1] = name;
        System.arraycopy(more, 0, all, 2, more.length);
        return Labels.of(all);
    }

    /** Samples per series as {@code t=v} lists, in the order the querier returns series. */
    static Map<Labels, List<String>> read(Querier q, Matcher... matchers) {
        Map<Labels, List<String>> out = new LinkedHashMap<>();
        SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE), List.of(matchers));
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
            out.put(set.at().labels(), samples);
        }
        return out;
    }

    static List<Long> timestamps(Querier q, Matcher... matchers) {
        List<Long> out = new ArrayList<>();
        SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE), List.of(matchers));
        while (set.next()) {
            SampleCursor c = set.at().cursor(null);
            while (c.next() == SampleCursor.FLOAT) {
                out.add(c.timestamp());
            }
        }
        return out;
    }
}
