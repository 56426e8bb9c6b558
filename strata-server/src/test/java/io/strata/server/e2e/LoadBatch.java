package io.strata.server.e2e;

import io.strata.ingest.prompb.Types;
import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.model.Labels;
import io.strata.server.ingest.PromWire;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/**
 * One remote-write 1.0 request of a load whose every sample is predictable: request {@code index}
 * of client {@code client} writes {@value #SERIES} series {@code e2e_load{client, series}} with
 * {@value #SAMPLES} samples each, at timestamps no other request uses and with values that encode
 * (client, index, series, sample). A restarted server can therefore be checked sample by sample
 * against the requests it acknowledged.
 */
record LoadBatch(int client, int index, long baseMillis) {
    static final String METRIC = "e2e_load";
    static final int SERIES = 3;
    static final int SAMPLES = 5;

    static Labels labels(int client, int series) {
        return Labels.of("__name__", METRIC, "client", Integer.toString(client), "series", Integer.toString(series));
    }

    long timestamp(int sample) {
        return baseMillis + (long) index * SAMPLES + sample; // one millisecond apart, per client series
    }

    double value(int series, int sample) {
        return client * 1_000_000.0 + index * 100.0 + series * 10.0 + sample + 0.25;
    }

    HttpRequest request(URI writeUri, RemoteWriteEncoder encoder) {
        long[] timestamps = new long[SAMPLES];
        double[] values = new double[SAMPLES];
        encoder.reset();
        for (int s = 0; s < SERIES; s++) {
            for (int j = 0; j < SAMPLES; j++) {
                timestamps[j] = timestamp(j);
                values[j] = value(s, j);
            }
            encoder.addSeries(labels(client, s), timestamps, values, 0, SAMPLES);
        }
        int length = encoder.finish();
        byte[] raw = java.util.Arrays.copyOf(encoder.array(), length);
        return HttpRequest.newBuilder(writeUri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", encoder.version().contentType())
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", encoder.version().versionHeader())
                .POST(HttpRequest.BodyPublishers.ofByteArray(PromWire.snappy(raw)))
                .build();
    }

    /** Records, softly, each sample of this request that {@code stored} lacks or holds with another value. */
    void checkPresent(Map<String, Map<Long, Double>> stored, SoftAssertions softly) {
        for (int s = 0; s < SERIES; s++) {
            Map<Long, Double> series = stored.getOrDefault(key(client, s), Map.of());
            for (int j = 0; j < SAMPLES; j++) {
                softly.assertThat(series.get(timestamp(j)))
                        .as("client %d request %d series %d sample at %d", client, index, s, timestamp(j))
                        .isEqualTo(value(s, j));
            }
        }
    }

    /** The key {@link #readAll} files a series under. */
    static String key(int client, int series) {
        return client + "/" + series;
    }

    /** Every {@code e2e_load} sample the server returns over remote read (SAMPLES), by series key. */
    static Map<String, Map<Long, Double>> readAll(StrataChild server, long baseMillis) throws Exception {
        var r = server.sendForBytes(PromWire.read(server.uri("/api/v1/read"), baseMillis - 1, baseMillis + 3_600_000,
                "__name__", METRIC));
        if (r.statusCode() != 200) {
            throw new AssertionError("remote read answered " + r.statusCode() + ": " + new String(r.body()));
        }
        Map<String, Map<Long, Double>> out = new TreeMap<>();
        for (var result : PromWire.parseReadResponse(r.body()).getResultsList()) {
            for (Types.TimeSeries ts : result.getTimeseriesList()) {
                String client = null;
                String series = null;
                for (Types.Label l : ts.getLabelsList()) {
                    switch (l.getName()) {
                        case "client" -> client = l.getValue();
                        case "series" -> series = l.getValue();
                        default -> { }
                    }
                }
                Map<Long, Double> samples = out.computeIfAbsent(client + "/" + series, k -> new TreeMap<>());
                for (Types.Sample s : ts.getSamplesList()) {
                    samples.put(s.getTimestamp(), s.getValue());
                }
            }
        }
        return out;
    }
}
