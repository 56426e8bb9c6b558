package io.strata.server.importer;

import io.strata.ingest.importer.ImportSink;
import io.strata.ingest.importer.ImportSource;
import io.strata.model.Labels;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Drains import sources, one after the other, into an {@link ImportTarget}, reporting progress.
 * On any failure the target is aborted, so an import either publishes everything or nothing.
 */
public final class Importer {
    /** Opens a source when its turn comes, so a hundred files do not hold a hundred open handles. */
    public interface SourceOpener {
        ImportSource open() throws IOException;
    }

    private final ImportTarget target;
    private final ImportProgress progress;
    private final LongSupplier nanoTime;
    /** Distinct series seen, for the progress line and the summary. */
    private final Set<Labels> series = new HashSet<>();
    private long samples;

    public Importer(ImportTarget target, ImportProgress progress, LongSupplier nanoTime) {
        this.target = target;
        this.progress = progress;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads every source into the target and closes it.
     *
     * @throws IOException the first failure (bad input names file and line); the target is aborted
     */
    public void run(List<SourceOpener> sources) throws IOException {
        ImportSink sink = (labels, ts, values, n) -> {
            target.accept(labels, ts, values, n);
            samples += n;
            series.add(labels);
        };
        try {
            for (int i = 0; i < sources.size(); i++) {
                try (ImportSource source = sources.get(i).open()) {
                    String what = source.describe();
                    for (boolean more = true; more; ) {
                        more = source.next(sink);
                        progress.update((i + source.progress()) / sources.size(), samples, series.size(), what,
                                nanoTime.getAsLong());
                    }
                }
            }
            progress.finish();
            target.close();
        } catch (IOException | RuntimeException | Error e) {
            progress.finish();
            try {
                target.abort();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Samples read from the sources (before duplicates are dropped). */
    public long samplesRead() {
        return samples;
    }

    public long seriesRead() {
        return series.size();
    }
}
