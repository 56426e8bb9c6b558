package io.strata.ingest.importer;

import io.strata.model.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what a source delivers, checking the sink contract on every piece. */
final class CollectingSink implements ImportSink {
    final Map<Labels, List<String>> samples = new LinkedHashMap<>();
    int pieces;

    @Override
    public void accept(Labels labels, long[] timestamps, double[] values, int count) {
        if (count < 1) {
            throw new AssertionError("empty piece for " + labels);
        }
        for (int i = 1; i < count; i++) {
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new AssertionError("piece of " + labels + " not ascending at " + i);
            }
        }
        List<String> l = samples.computeIfAbsent(labels, k -> new ArrayList<>());
        for (int i = 0; i < count; i++) {
            l.add(timestamps[i] + "=" + values[i]);
        }
        pieces++;
    }

    /** Drains {@code source}, bounding the calls so a bug cannot loop forever. */
    static CollectingSink drain(ImportSource source) throws IOException {
        CollectingSink sink = new CollectingSink();
        for (int calls = 0; source.next(sink); calls++) {
            if (calls > 1_000_000) {
                throw new AssertionError("source never ends");
            }
        }
        if (source.progress() != 1) {
            throw new AssertionError("progress " + source.progress() + " after the end");
        }
        return sink;
    }
}
