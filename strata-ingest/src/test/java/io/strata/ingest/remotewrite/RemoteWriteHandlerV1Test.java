package io.strata.ingest.remotewrite;

import static io.strata.ingest.support.Labelled.labels;
import static io.strata.ingest.support.PromRequests.v1;
import static io.strata.ingest.support.PromRequests.v1Request;
import static io.strata.ingest.support.PromRequests.v1Series;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.prompb.Remote.WriteRequest;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.InMemoryStorage.StoredSample;
import io.strata.ingest.support.PromRequests;
import io.strata.ingest.support.RawProto;
import io.strata.ingest.support.Snappy;
import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteHandlerV1Test {
    static final long NOW = 1_700_000_000_000L;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final RejectionCounters counters = new RejectionCounters();
    private RemoteWriteHandler handler = handler(IngestLimits.defaults());

    private RemoteWriteHandler handler(IngestLimits limits) {
        return new RemoteWriteHandler(storage, limits, counters, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    }

    private static Types.TimeSeries up(String job, double... samples) {
        return v1Series(labels("__name__", "up", "job", job), samples);
    }

    private IngestResponse send(WriteRequest request) {
        return handler.handle(v1Request(request));
    }

    private IngestResponse sendRaw(byte[] protobuf) {
        return handler.handle(
                RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", "0.1.0", Snappy.compress(protobuf)));
    }

    @Test
    void storesEverySampleAndAnswers204WithoutWrittenHeaders() {
        IngestResponse response = send(v1(up("a", NOW - 2000, 1, NOW - 1000, 2), up("b", NOW, 3)));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).doesNotContainKey(RemoteWriteHandler.SAMPLES_WRITTEN);
        assertThat(storage.samples()).containsExactly(
                new StoredSample(Labels.of("__name__", "up", "job", "a"), NOW - 2000, 1),
                new StoredSample(Labels.of("__name__", "up", "job", "a"), NOW - 1000, 2),
                new StoredSample(Labels.of("__name__", "up", "job", "b"), NOW, 3));
        assertThat(storage.commits()).isEqualTo(1);
        assertThat(storage.refMisuse()).isEmpty();
        assertThat(counters.samplesAccepted()).isEqualTo(3);
        assertThat(counters.requests()).isEqualTo(1);
    }

    @Test
    void treatsMissingContentTypeAndEncodingAsSnappyVersion1() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());

        IngestResponse response = handler.handle(RemoteWriteRequest.of(null, null, null, body));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void acceptsExplicitVersion1ProtoParameterWithSpacesAndCase() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());

        IngestResponse response = handler.handle(RemoteWriteRequest.of(
                "Application/X-Protobuf ; proto=\"prometheus.WriteRequest\"", "SNAPPY", "0.1.0", body));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void readsOnlyBodyLengthBytesOfAPooledBuffer() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());
        byte[] pooled = Arrays.copyOf(body, body.length + 100);
        Arrays.fill(pooled, body.length, pooled.length, (byte) 0x7f);

        IngestResponse response = handler.handle(
                new RemoteWriteRequest(PromRequests.V1_CONTENT_TYPE, "snappy", "0.1.0", pooled, body.length));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void keepsStaleMarkersAndSpecialValuesBitExact() {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        send(v1(up("a", NOW - 3, stale, NOW - 2, Double.POSITIVE_INFINITY, NOW - 1, -0.0)));

        assertThat(storage.samples()).extracting(s -> Double.doubleToRawLongBits(s.value())).containsExactly(
                0x7ff0000000000002L,
                Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void storesMetadataByFamily() {
        WriteRequest request = v1(up("a", NOW, 1)).toBuilder()
                .addMetadata(Types.MetricMetadata.newBuilder()
                        .setType(Types.MetricMetadata.MetricType.COUNTER)
                        .setMetricFamilyName("http_requests_total")
                        .setHelp("Requests served.")
                        .setUnit("requests"))
                .build();

        assertThat(send(request).status()).isEqualTo(204);

        assertThat(storage.metadata()).containsEntry(
                "http_requests_total", new MetricMetadata(MetricType.COUNTER, "Requests served.", "requests"));
        assertThat(counters.metadataUpdates()).isEqualTo(1);
    }

    @Test
    void dropsLabelsWithEmptyValues() {
        send(v1(v1Series(labels("__name__", "up", "empty", "", "job", "a"), NOW, 1)));

        assertThat(storage.samples()).extracting(StoredSample::labels)
                .containsExactly(Labels.of("__name__", "up", "job", "a"));
    }

    @Test
    void buildsTheSameLabelsAsTheModelForLongAndMultiByteValues() {
        String longValue = "x".repeat(300) + "é€😀";
        String unicodeName = "ünicode_name";

        send(v1(v1Series(labels("__name__", "up", "a", "", "long", longValue, "z", "1", unicodeName, "v"), NOW, 1)));

        assertThat(storage.samples()).extracting(StoredSample::labels).containsExactly(
                Labels.of("__name__", "up", "long", longValue, "z", "1", unicodeName, "v"));
    }

    @Test
    void refuses415ForAnotherMediaType() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());

        IngestResponse response = handler.handle(RemoteWriteRequest.of("application/json", "snappy", null, body));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("application/json", "application/x-protobuf");
        assertThat(storage.appendCalls()).isZero();
        assertThat(counters.get(RejectionReason.UNSUPPORTED_CONTENT_TYPE)).isEqualTo(1);
    }

    @Test
    void refuses415ForAnUnknownProtoMessage() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());

        IngestResponse response = handler.handle(
                RemoteWriteRequest.of("application/x-protobuf;proto=io.prometheus.write.v3.Request", null, null, body));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("io.prometheus.write.v3.Request", "io.prometheus.write.v2.Request");
    }

    @Test
    void refuses415ForAnEncodingOtherThanSnappy() {
        byte[] body = Snappy.compress(v1(up("a", NOW, 1)).toByteArray());

        IngestResponse response = handler.handle(RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "gzip", null, body));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("gzip", "snappy");
        assertThat(storage.samples()).isEmpty();
    }

    @Test
    void refuses413ForABodyOverTheLimit() {
        handler = handler(new IngestLimits(64, 1024, 4096, 10, 1 << 20, Duration.ofMinutes(10)));

        IngestResponse response = send(v1(up("a", NOW, 1)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("too large", "limit 10", "ingest.maxBodyBytes");
        assertThat(storage.appendCalls()).isZero();
        assertThat(counters.get(RejectionReason.BODY_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void refuses413WhenTheSnappyHeaderAnnouncesMoreThanTheLimit() {
        handler = handler(new IngestLimits(64, 1024, 4096, 1 << 20, 16, Duration.ofMinutes(10)));

        IngestResponse response = send(v1(up("a", NOW, 1), up("b", NOW, 2)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("decompressed body too large", "limit 16");
        assertThat(storage.appendCalls()).isZero();
    }

    @Test
    void refuses400ForABodyThatIsNotSnappy() {
        IngestResponse response = handler.handle(RemoteWriteRequest.of(
                PromRequests.V1_CONTENT_TYPE, "snappy", null, v1(up("a", NOW, 1)).toByteArray()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("snappy");
        assertThat(storage.appendCalls()).isZero();
        assertThat(counters.get(RejectionReason.MALFORMED_SNAPPY)).isEqualTo(1);
    }

    @Test
    void namesTheFramedFormatWhenASenderUsesIt() {
        byte[] framed = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y', 0x01, 0x05, 0, 0, 0, 0, 0, 0, 0};

        IngestResponse response = handler.handle(RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, framed));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("framed format", "block format");
    }

    @Test
    void refuses400ForAnEmptyBody() {
        IngestResponse response = handler.handle(RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, new byte[0]));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("empty body");
    }

    @Test
    void malformedProtobufLateInTheRequestStoresNothing() {
        byte[] valid = v1(up("a", NOW, 1), up("b", NOW, 2)).toByteArray();
        // Cut the last byte: the second series' sample is truncated after the first was appended.
        byte[] truncated = Arrays.copyOf(valid, valid.length - 1);

        IngestResponse response = handler.handle(
                RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, Snappy.compress(truncated)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("not a valid prometheus.WriteRequest", "byte offset", "nothing was stored");
        assertThat(storage.samples()).isEmpty();
        assertThat(storage.rollbacks()).isEqualTo(1);
        assertThat(counters.get(RejectionReason.MALFORMED_PROTOBUF)).isEqualTo(1);
        assertThat(counters.samplesAccepted()).isZero();
    }

    @Test
    void refusesAKnownFieldWithTheWrongWireType() {
        // Field 1 (timeseries) as a varint instead of a message.
        byte[] body = {0x08, 0x01};

        IngestResponse response = handler.handle(
                RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, Snappy.compress(body)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("WriteRequest.timeseries", "wire type varint", "expected length-delimited");
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        byte[] series = up("a", NOW, 1).toByteArray();
        byte[] unknown = {
            (byte) 0x78, 0x05, // field 15 varint
            (byte) 0x81, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, // field 16 fixed64
            (byte) 0x8a, 0x01, 0x02, 'h', 'i', // field 17 length-delimited
            (byte) 0x95, 0x01, 1, 2, 3, 4 // field 18 fixed32
        };
        byte[] body = concat(unknown, new byte[] {0x0a, (byte) series.length}, series, unknown);

        IngestResponse response = handler.handle(
                RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, Snappy.compress(body)));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void rejectsASeriesWithAnEmptyLabelNameAndStoresTheRest() {
        IngestResponse response = send(v1(
                v1Series(labels("", "x", "__name__", "up"), NOW, 1, NOW + 1, 2),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.EMPTY_LABEL_NAME, 2, "empty label name", "value=\"x\"");
    }

    @Test
    void rejectsDuplicateLabelNames() {
        IngestResponse response = send(v1(
                v1Series(labels("__name__", "up", "job", "a", "job", "b"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.DUPLICATE_LABEL_NAME, 1, "duplicate label name", "name=job");
    }

    @Test
    void rejectsDuplicateLabelNamesThatAreNotAdjacent() {
        IngestResponse response = send(v1(
                v1Series(labels("job", "a", "__name__", "up", "job", "b"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.DUPLICATE_LABEL_NAME, 1, "duplicate label name", "name=job");
    }

    @Test
    void rejectsUnsortedLabels() {
        IngestResponse response = send(v1(
                v1Series(labels("job", "a", "__name__", "up"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.UNSORTED_LABELS, 1, "not sorted", "\"__name__\" after \"job\"");
    }

    @Test
    void sortsUnsortedLabelsWhenConfiguredTo() {
        handler = handler(IngestLimits.defaults().withSortUnsortedLabels(true));

        IngestResponse response = send(v1(v1Series(labels("job", "a", "__name__", "up"), NOW, 1)));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).extracting(StoredSample::labels).containsExactly(Labels.of("__name__", "up", "job", "a"));
    }

    @Test
    void sortingUnsortedLabelsStillRejectsDuplicates() {
        handler = handler(IngestLimits.defaults().withSortUnsortedLabels(true));

        IngestResponse response = send(v1(v1Series(labels("job", "a", "__name__", "up", "job", "b"), NOW, 1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(counters.get(RejectionReason.DUPLICATE_LABEL_NAME)).isEqualTo(1);
    }

    @Test
    void rejectsInvalidUtf8InALabelValue() {
        byte[] bad = RawProto.series(
                RawProto.label("__name__".getBytes(UTF_8), "up".getBytes(UTF_8)),
                RawProto.label("job".getBytes(UTF_8), new byte[] {'a', (byte) 0xc0, (byte) 0xaf}),
                RawProto.sample(NOW, 1));

        IngestResponse response = sendRaw(RawProto.writeRequest(bad, up("ok", NOW, 3).toByteArray()));

        assertPartial(response, RejectionReason.INVALID_UTF8, 1, "value of label job is not valid UTF-8", "\uFFFD");
    }

    @Test
    void rejectsInvalidUtf8InALabelName() {
        byte[] bad = RawProto.series(
                RawProto.label("__name__".getBytes(UTF_8), "up".getBytes(UTF_8)),
                RawProto.label(new byte[] {'j', (byte) 0xed, (byte) 0xa0, (byte) 0x80}, "a".getBytes(UTF_8)),
                RawProto.sample(NOW, 1));

        IngestResponse response = sendRaw(RawProto.writeRequest(bad, up("ok", NOW, 3).toByteArray()));

        assertPartial(response, RejectionReason.INVALID_UTF8, 1, "label name", "not valid UTF-8");
    }

    @Test
    void rejectsTooManyLabels() {
        handler = handler(new IngestLimits(3, 1024, 4096, 1 << 20, 1 << 20, Duration.ofMinutes(10)));

        IngestResponse response = send(v1(
                v1Series(labels("__name__", "up", "a", "1", "b", "2", "c", "3"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.TOO_MANY_LABELS, 1, "too many labels", "labels=4, limit=3");
    }

    @Test
    void rejectsALabelValueOverTheLimit() {
        handler = handler(new IngestLimits(64, 1024, 8, 1 << 20, 1 << 20, Duration.ofMinutes(10)));

        IngestResponse response = send(v1(
                v1Series(labels("__name__", "up", "job", "123456789"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.LABEL_TOO_LONG, 1, "label value too long", "length=9 bytes, limit=8");
    }

    @Test
    void rejectsALabelNameOverTheLimit() {
        handler = handler(new IngestLimits(64, 8, 4096, 1 << 20, 1 << 20, Duration.ofMinutes(10)));

        IngestResponse response = send(v1(
                v1Series(labels("__name__", "up", "a_long_name", "x"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.LABEL_TOO_LONG, 1, "label name too long", "limit=8");
    }

    @Test
    void rejectsASeriesWithoutMetricName() {
        IngestResponse response = send(v1(
                v1Series(labels("job", "a"), NOW, 1, NOW + 1, 2, NOW + 2, 3),
                v1Series(labels("__name__", "", "job", "b"), NOW, 1),
                up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.MISSING_METRIC_NAME, 4, "no metric name", "{job=\"a\"}");
    }

    @Test
    void countsASeriesWithoutSamplesOnceWhenItsLabelsAreInvalid() {
        IngestResponse response = send(v1(v1Series(labels("job", "a")), up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.MISSING_METRIC_NAME, 1, "no metric name");
    }

    @Test
    void rejectsSamplesTooFarInTheFuture() {
        IngestResponse response = send(v1(
                up("a", NOW + Duration.ofMinutes(10).toMillis(), 1, NOW + Duration.ofMinutes(11).toMillis(), 2),
                up("ok", NOW, 3)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(storage.samples()).extracting(StoredSample::value).containsExactly(1.0, 3.0);
        assertThat(counters.get(RejectionReason.TOO_FAR_IN_FUTURE)).isEqualTo(1);
        assertThat(response.body()).contains("too_far_in_future: 1 rejected", "maxValidTs=" + (NOW + 600_000), "clock");
    }

    @Test
    void mapsEveryAppendStatusToItsReasonAndStoresTheRest() {
        storage.policy((labels, t, v) -> switch ((int) v) {
            case 1 -> AppendStatus.OUT_OF_ORDER;
            case 2 -> AppendStatus.DUPLICATE;
            case 3 -> AppendStatus.TOO_OLD;
            case 4 -> AppendStatus.TOO_FAR_IN_FUTURE;
            case 5 -> AppendStatus.SERIES_LIMIT;
            default -> AppendStatus.OK;
        });

        IngestResponse response = send(v1(up("a", NOW - 6, 1, NOW - 5, 2, NOW - 4, 3, NOW - 3, 4, NOW - 2, 5, NOW - 1, 6)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(storage.samples()).extracting(StoredSample::value).containsExactly(6.0);
        for (RejectionReason r : List.of(RejectionReason.OUT_OF_ORDER, RejectionReason.DUPLICATE_SAMPLE,
                RejectionReason.TOO_OLD, RejectionReason.TOO_FAR_IN_FUTURE, RejectionReason.SERIES_LIMIT)) {
            assertThat(counters.get(r)).as(r.label()).isEqualTo(1);
            assertThat(response.body()).contains(r.label() + ": 1 rejected, e.g. ");
        }
        assertThat(response.body()).startsWith("remote write: stored 1 sample, rejected 5 (")
                .contains("sample out of order [series=up{job=\"a\"}, ts=" + (NOW - 6))
                .contains("storage.outOfOrderWindow")
                .contains("sample too old", "retention");
        assertThat(counters.samplesAccepted()).isEqualTo(1);
    }

    @Test
    void countsEveryRejectionButFormatsOneExamplePerReason() {
        storage.policy((labels, t, v) -> v < 0 ? AppendStatus.OUT_OF_ORDER : AppendStatus.OK);
        double[] samples = new double[2000];
        for (int i = 0; i < 1000; i++) {
            samples[2 * i] = NOW - 1000 + i;
            samples[2 * i + 1] = i % 2 == 0 ? -1 : 1;
        }

        IngestResponse response = send(v1(up("a", samples)));

        assertThat(counters.get(RejectionReason.OUT_OF_ORDER)).isEqualTo(500);
        assertThat(storage.samples()).hasSize(500);
        assertThat(response.body().lines().filter(l -> l.contains("sample out of order"))).hasSize(1);
    }

    @Test
    void refusesNativeHistogramsButStoresFloatsOfTheSameRequest() {
        Types.TimeSeries histogram = Types.TimeSeries.newBuilder()
                .addLabels(Types.Label.newBuilder().setName("__name__").setValue("latency"))
                .addHistograms(Types.Histogram.newBuilder().setCountInt(3).setSum(1.5).setSchema(0).setTimestamp(NOW - 5))
                .addHistograms(Types.Histogram.newBuilder().setCountInt(4).setSum(2).setSchema(0).setTimestamp(NOW))
                .build();

        IngestResponse response = send(v1(histogram, up("ok", NOW, 3)));

        assertPartial(response, RejectionReason.NATIVE_HISTOGRAM_UNSUPPORTED, 2,
                "native histogram samples are not supported", "latency{}", "ts=" + (NOW - 5), "float samples");
    }

    @Test
    void ignoresExemplarsAndStillAnswers204() {
        Types.TimeSeries withExemplar = up("a", NOW, 1).toBuilder()
                .addExemplars(Types.Exemplar.newBuilder()
                        .addLabels(Types.Label.newBuilder().setName("trace_id").setValue("abc"))
                        .setValue(1)
                        .setTimestamp(NOW))
                .build();

        IngestResponse response = send(v1(withExemplar));

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
        assertThat(counters.exemplarsIgnored()).isEqualTo(1);
    }

    @Test
    void answers503AndStoresNothingWhenCommitIsUnavailable() {
        storage.failCommitWith(new StrataException(ErrorCode.UNAVAILABLE, "disk full: /data"));

        IngestResponse response = send(v1(up("a", NOW, 1)));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("disk full: /data", "retry");
        assertThat(storage.samples()).isEmpty();
        assertThat(counters.samplesAccepted()).isZero();
    }

    @Test
    void answers500ForOtherStorageFailures() {
        storage.failCommitWith(new StrataException(ErrorCode.INTERNAL, "index corrupted"));

        IngestResponse response = send(v1(up("a", NOW, 1)));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("index corrupted");
    }

    @Test
    void rejectsMetadataWithoutFamilyName() {
        WriteRequest request = v1(up("ok", NOW, 1)).toBuilder()
                .addMetadata(Types.MetricMetadata.newBuilder().setHelp("orphan help"))
                .build();

        IngestResponse response = send(request);

        assertPartial(response, RejectionReason.MISSING_METRIC_NAME, 1, "metadata entry without metric_family_name", "orphan help");
    }

    @Test
    void aLabelFieldRepeatedInOneLabelMessageKeepsTheLastValue() {
        // Label { name = "job"; value = "first"; value = "second" }: protobuf's last-one-wins rule.
        byte[] label = concat(new byte[] {0x0a, 3}, "job".getBytes(), new byte[] {0x12, 5}, "first".getBytes(),
                new byte[] {0x12, 6}, "second".getBytes());
        byte[] name = concat(new byte[] {0x0a, 8}, "__name__".getBytes(), new byte[] {0x12, 2}, "up".getBytes());
        byte[] sample = {0x10, 0x01};
        byte[] series = concat(new byte[] {0x0a, (byte) name.length}, name, new byte[] {0x0a, (byte) label.length}, label,
                new byte[] {0x12, (byte) sample.length}, sample);
        byte[] body = concat(new byte[] {0x0a, (byte) series.length}, series);

        handler.handle(RemoteWriteRequest.of(PromRequests.V1_CONTENT_TYPE, "snappy", null, Snappy.compress(body)));

        assertThat(storage.samples()).extracting(StoredSample::labels)
                .containsExactly(Labels.of("__name__", "up", "job", "second"));
    }

    private void assertPartial(IngestResponse response, RejectionReason reason, long count, String... bodyContains) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(response.body()).contains(reason.label() + ": " + count + " rejected, e.g. ").contains(bodyContains);
        assertThat(counters.get(reason)).isEqualTo(count);
        List<Labels> stored = new ArrayList<>();
        storage.samples().forEach(s -> stored.add(s.labels()));
        assertThat(stored).as("the valid rest was stored").contains(Labels.of("__name__", "up", "job", "ok"));
        assertThat(storage.commits()).isEqualTo(1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
