package io.strata.ingest.remotewrite;

import io.strata.ingest.prompb.Remote.WriteRequest;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.prompb.v2.WriteV2;
import io.strata.ingest.support.InMemoryStorage.StoredSample;
import io.strata.ingest.support.PromRequests;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid series for property tests, and the requests and stored samples they make. */
record GeneratedSeries(Labels labels, long[] timestamps, double[] values) {
    static final long NOW = 1_700_000_000_000L;

    static Arbitrary<List<GeneratedSeries>> requests() {
        return series().list().ofMaxSize(20);
    }

    static Arbitrary<GeneratedSeries> series() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz_").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(4)
                        .filter(s -> s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff)));
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(names, values).ofMaxSize(8);
        Arbitrary<String> metric = Arbitraries.strings().withChars("abcdefgh_:").ofMinLength(1).ofMaxLength(10);
        Arbitrary<double[]> samples = Arbitraries.doubles().withSpecialValue(Double.NaN)
                .withSpecialValue(Double.longBitsToDouble(0x7ff0000000000002L))
                .array(double[].class).ofMaxSize(5);
        return Combinators.combine(metric, labels, samples).as((name, other, vs) -> {
            Map<String, String> all = new TreeMap<>(other);
            all.put("__name__", name);
            long[] ts = new long[vs.length];
            for (int i = 0; i < vs.length; i++) {
                ts[i] = NOW - 60_000L * (vs.length - i);
            }
            return new GeneratedSeries(Labels.fromMap(all), ts, vs);
        });
    }

    /** Label names and values in sorted order, as senders put them on the wire. */
    List<String> wireLabels() {
        List<String> out = new ArrayList<>();
        labels.forEach((n, v) -> {
            out.add(n);
            out.add(v);
        });
        return out;
    }

    double[] timestampsAndValues() {
        double[] out = new double[timestamps.length * 2];
        for (int i = 0; i < timestamps.length; i++) {
            out[2 * i] = timestamps[i];
            out[2 * i + 1] = values[i];
        }
        return out;
    }

    static WriteRequest v1(List<GeneratedSeries> series) {
        WriteRequest.Builder b = WriteRequest.newBuilder();
        for (GeneratedSeries s : series) {
            Types.TimeSeries.Builder ts = Types.TimeSeries.newBuilder();
            List<String> l = s.wireLabels();
            for (int i = 0; i < l.size(); i += 2) {
                ts.addLabels(Types.Label.newBuilder().setName(l.get(i)).setValue(l.get(i + 1)));
            }
            for (int i = 0; i < s.timestamps.length; i++) {
                ts.addSamples(Types.Sample.newBuilder().setTimestamp(s.timestamps[i]).setValue(s.values[i]));
            }
            b.addTimeseries(ts);
        }
        return b.build();
    }

    static WriteV2.Request v2(List<GeneratedSeries> series) {
        PromRequests.V2 b = new PromRequests.V2();
        for (GeneratedSeries s : series) {
            b.add(b.series(s.wireLabels(), s.timestampsAndValues()));
        }
        return b.build();
    }

    static List<StoredSample> expected(List<GeneratedSeries> series) {
        List<StoredSample> out = new ArrayList<>();
        for (GeneratedSeries s : series) {
            for (int i = 0; i < s.timestamps.length; i++) {
                out.add(new StoredSample(s.labels, s.timestamps[i], s.values[i]));
            }
        }
        return out;
    }
}
