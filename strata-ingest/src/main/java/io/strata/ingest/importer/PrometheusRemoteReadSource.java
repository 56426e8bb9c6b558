package io.strata.ingest.importer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.strata.ingest.compress.SnappyBlock;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.Matcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Samples from a running Prometheus (or anything serving Prometheus remote read: Thanos, Mimir,
 * VictoriaMetrics, Strata) through {@code POST /api/v1/read}, walking {@code [startMs, endMs]} in
 * time slices so that one response holds one slice of data at most.
 *
 * <p>Each {@link #next} call asks for one slice: a snappy-compressed {@code ReadRequest} with one
 * query and {@code accepted_response_types = [SAMPLES]}, answered by one snappy-compressed
 * {@code ReadResponse}. A slice covers {@code [from, from + slice - 1]} (remote read ranges include
 * both ends, so consecutive slices do not share a millisecond); samples a server returns outside
 * the slice are dropped so none is imported twice. Native histogram samples are skipped and counted.
 */
public final class PrometheusRemoteReadSource implements ImportSource {
    public static final Duration DEFAULT_SLICE = Duration.ofHours(2);
    /** Every series: Prometheus refuses a selector that matches the empty label set. */
    public static final List<Matcher> ALL_SERIES = List.of(Matcher.regex(Labels.METRIC_NAME, ".+"));
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    /** A SAMPLES response is one message; Prometheus caps its own at 50M samples, about 1 GiB. */
    private static final long MAX_RESPONSE_BYTES = Integer.MAX_VALUE - 64;
    private static final int MAX_BODY_LINE = 300;

    private final URI url;
    private final long startMs;
    private final long endMs;
    private final long sliceMs;
    private final List<Matcher> matchers;
    private final HttpClient client;
    private final SnappyBlock snappy = new SnappyBlock();
    private final LabelsBuilder labels = new LabelsBuilder();
    private long[] timestamps = new long[1024];
    private double[] values = new double[1024];
    private long nextFrom;
    private long skippedHistogramSamples;

    /**
     * @param url the remote read endpoint, e.g. {@code http://prometheus:9090/api/v1/read}; a URL
     *     with no path gets {@code /api/v1/read}
     * @param matchers series to read; empty means {@link #ALL_SERIES}
     * @throws IllegalArgumentException when the URL is not http(s) or the range or slice is empty
     */
    public PrometheusRemoteReadSource(URI url, long startMs, long endMs, List<Matcher> matchers, Duration slice) {
        this.url = endpoint(url);
        if (endMs < startMs) {
            throw new IllegalArgumentException("the end " + Instant.ofEpochMilli(endMs) + " is before the start "
                    + Instant.ofEpochMilli(startMs));
        }
        if (slice.toMillis() < 1) {
            throw new IllegalArgumentException("the slice must be at least 1 ms, got " + slice);
        }
        this.startMs = startMs;
        this.endMs = endMs;
        this.sliceMs = slice.toMillis();
        this.matchers = matchers.isEmpty() ? ALL_SERIES : List.copyOf(matchers);
        this.nextFrom = startMs;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    static URI endpoint(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("invalid URL \"" + url + "\": expected http://host:port[/api/v1/read]");
        }
        String path = url.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? url.resolve("/api/v1/read") : url;
    }

    @Override
    public boolean next(ImportSink sink) throws IOException {
        if (nextFrom > endMs) {
            return false;
        }
        long from = nextFrom;
        long to = endMs - from < sliceMs ? endMs : from + sliceMs - 1;
        Remote.ReadResponse response = read(from, to);
        for (Remote.QueryResult result : response.getResultsList()) {
            for (Types.TimeSeries series : result.getTimeseriesList()) {
                deliver(series, from, to, sink);
            }
        }
        nextFrom = to + 1;
        return nextFrom <= endMs;
    }

    /** Native histogram samples the server sent, which a float-only import skips. */
    public long skippedHistogramSamples() {
        return skippedHistogramSamples;
    }

    private void deliver(Types.TimeSeries series, long from, long to, ImportSink sink) throws IOException {
        skippedHistogramSamples += series.getHistogramsCount();
        if (series.getSamplesCount() == 0) {
            return;
        }
        labels.reset();
        for (Types.Label l : series.getLabelsList()) {
            labels.add(l.getName(), l.getValue());
        }
        Labels key = labels.build();
        int n = series.getSamplesCount();
        if (timestamps.length < n) {
            timestamps = new long[Math.max(n, timestamps.length * 2)];
            values = new double[timestamps.length];
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Types.Sample s = series.getSamples(i);
            long t = s.getTimestamp();
            if (t < from || t > to || (kept > 0 && t <= timestamps[kept - 1])) {
                continue;
            }
            timestamps[kept] = t;
            values[kept] = s.getValue();
            kept++;
        }
        if (kept > 0) {
            sink.accept(key, timestamps, values, kept);
        }
    }

    private Remote.ReadResponse read(long from, long to) throws IOException {
        Remote.Query.Builder query = Remote.Query.newBuilder().setStartTimestampMs(from).setEndTimestampMs(to);
        for (Matcher m : matchers) {
            query.addMatchers(Types.LabelMatcher.newBuilder()
                    .setType(switch (m.type()) {
                        case EQUAL -> Types.LabelMatcher.Type.EQ;
                        case NOT_EQUAL -> Types.LabelMatcher.Type.NEQ;
                        case REGEX -> Types.LabelMatcher.Type.RE;
                        case NOT_REGEX -> Types.LabelMatcher.Type.NRE;
                    })
                    .setName(m.name())
                    .setValue(m.value()));
        }
        byte[] raw = Remote.ReadRequest.newBuilder()
                .addQueries(query)
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.SAMPLES)
                .build()
                .toByteArray();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                .header("User-Agent", "strata-import")
                .POST(HttpRequest.BodyPublishers.ofByteArray(compress(raw)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from " + url, e);
        } catch (IOException e) {
            throw new IOException("remote read from " + url + " failed: " + describe(e), e);
        }
        byte[] body = response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IOException("remote read from " + url + " failed: HTTP " + response.statusCode() + firstLine(body));
        }
        byte[] decoded = switch (snappy.decompress(body, body.length, MAX_RESPONSE_BYTES, "remote read response")) {
            case SnappyBlock.Decompressed ok -> ok.bytes();
            case SnappyBlock.Failed failed -> throw new IOException("remote read from " + url
                    + " answered something that is not a snappy-compressed ReadResponse: " + failed.message());
        };
        try {
            return Remote.ReadResponse.parseFrom(decoded);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("remote read from " + url + " answered an invalid ReadResponse: " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String firstLine(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4 * MAX_BODY_LINE), StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (line.length() > MAX_BODY_LINE) {
            line = line.substring(0, MAX_BODY_LINE) + "...";
        }
        return line.isEmpty() ? "" : ": " + line;
    }

    private static byte[] compress(byte[] raw) {
        SnappyJavaCompressor compressor = new SnappyJavaCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    @Override
    public double progress() {
        if (nextFrom > endMs) {
            return 1;
        }
        return (double) (nextFrom - startMs) / ((double) (endMs - startMs) + 1);
    }

    @Override
    public String describe() {
        return url + " [" + Instant.ofEpochMilli(startMs) + ", " + Instant.ofEpochMilli(endMs) + "]";
    }

    @Override
    public void close() {
        client.close();
    }
}
