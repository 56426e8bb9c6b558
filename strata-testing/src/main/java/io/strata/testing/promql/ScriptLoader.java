package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.Storage;
import java.util.List;

/**
 * Applies a load command to storage: every float sample (stale markers included) at
 * {@code i * interval}, committed in one batch. The storage cannot hold native histograms yet,
 * so histogram samples, literal or converted by {@code load_with_nhcb}, are counted and left
 * out; the evals that read them are on the skip list. Start timestamps are not stored either.
 */
final class ScriptLoader {
    private ScriptLoader() {
    }

    /** What a load stored and what it had to leave out. */
    record Loaded(long floatSamples, long histogramSamplesLeftOut) {}

    /** Loads {@code load}; BAD_DATA naming the series when the storage rejects a sample. */
    static Loaded load(Storage storage, LoadCommand load) {
        long histograms = 0;
        long floats = 0;
        Appender appender = storage.appender();
        try {
            for (LoadCommand.Series s : load.series()) {
                if (s.labels().isEmpty()) {
                    throw new StrataException(ErrorCode.BAD_DATA,
                            "line " + s.line() + ": a series needs at least one label to be stored");
                }
                List<SequenceValue> values = s.values();
                for (int i = 0; i < values.size(); i++) {
                    SequenceValue v = values.get(i);
                    if (v.omitted()) {
                        continue;
                    }
                    if (v.isHistogram()) {
                        histograms++;
                        continue;
                    }
                    long t = i * load.intervalMs();
                    AppendStatus status = appender.append(0, s.labels(), t, v.value());
                    if (!status.ok()) {
                        throw new StrataException(ErrorCode.BAD_DATA, "line " + s.line() + ": storage rejected "
                                + s.labels() + " " + ResultText.number(v.value()) + " at " + PromDuration.format(t)
                                + ": " + status);
                    }
                    floats++;
                }
            }
            if (load.withNhcb()) {
                for (ClassicHistogramConversion.HistogramSeries h : ClassicHistogramConversion.convert(load)) {
                    histograms += h.samples().size();
                }
            }
        } catch (RuntimeException e) {
            appender.rollback();
            throw e;
        }
        appender.commit();
        return new Loaded(floats, histograms);
    }
}
