package io.strata.ingest.remoteread;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.model.Labels;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.util.Arrays;
import java.util.List;

/**
 * The SAMPLES response type: one {@code ReadResponse} holding every query's series with raw
 * samples, snappy-compressed as a block. The whole result is in memory at once, which is why
 * Prometheus prefers the streamed type and why {@link RemoteReadLimits#maxSamples()} bounds it.
 */
final class SamplesResponse {
    private SamplesResponse() {}

    /** The sample limit was hit; nothing is returned, as in Prometheus. */
    static final class SampleLimitExceededException extends Exception {
        private static final long serialVersionUID = 1L;

        SampleLimitExceededException(long limit) {
            super("exceeded sample limit (" + limit + "); narrow the query's time range or matchers,"
                    + " or use the STREAMED_XOR_CHUNKS response type", null, false, false);
        }
    }

    /** Runs the queries and returns the compressed response body. */
    static byte[] run(Queryable storage, List<ReadQuery> queries, long maxSamples) throws SampleLimitExceededException {
        Remote.ReadResponse.Builder response = Remote.ReadResponse.newBuilder();
        long samples = 0;
        SampleCursor cursor = null;
        for (ReadQuery query : queries) {
            Remote.QueryResult.Builder result = Remote.QueryResult.newBuilder();
            if (query.isEmptyRange()) {
                response.addResults(result);
                continue;
            }
            try (Querier querier = storage.querier(query.start(), query.end())) {
                // Sorted, as Prometheus answers: clients may merge responses by labels.
                SeriesSet set = querier.select(true, query.hints(), query.matchers());
                while (set.next()) {
                    Series series = set.at();
                    Types.TimeSeries.Builder ts = Types.TimeSeries.newBuilder();
                    addLabels(series.labels(), ts);
                    cursor = series.cursor(cursor);
                    for (int kind = cursor.next(); kind != SampleCursor.NONE; kind = cursor.next()) {
                        if (kind != SampleCursor.FLOAT) {
                            continue; // no storage produces histograms yet
                        }
                        if (++samples > maxSamples) {
                            throw new SampleLimitExceededException(maxSamples);
                        }
                        ts.addSamples(Types.Sample.newBuilder()
                                .setTimestamp(cursor.timestamp())
                                .setValue(cursor.value()));
                    }
                    result.addTimeseries(ts);
                }
            }
            response.addResults(result);
        }
        return compress(response.build().toByteArray());
    }

    static void addLabels(Labels labels, Types.TimeSeries.Builder ts) {
        labels.forEach((name, value) -> ts.addLabels(Types.Label.newBuilder().setName(name).setValue(value)));
    }

    private static byte[] compress(byte[] raw) {
        SnappyJavaCompressor compressor = new SnappyJavaCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
