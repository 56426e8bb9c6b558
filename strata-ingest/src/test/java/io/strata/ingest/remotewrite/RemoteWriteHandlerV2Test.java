package io.strata.ingest.remotewrite;

import static io.strata.ingest.support.Labelled.labels;
import static io.strata.ingest.support.PromRequests.v2Request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.strata.ingest.prompb.v2.WriteV2;
import io.strata.ingest.prompb.v2.WriteV2.Metadata.MetricType;
import io.strata.ingest.support.InMemoryStorage;
import io.strata.ingest.support.InMemoryStorage.StoredSample;
import io.strata.ingest.support.PromRequests;
import io.strata.ingest.support.RawProto;
import io.strata.ingest.support.Snappy;
import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteHandlerV2Test {
    static final long NOW = 1_700_000_000_000L;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final RejectionCounters counters = new RejectionCounters();
    private final RemoteWriteHandler handler = new RemoteWriteHandler(
            storage, IngestLimits.defaults(), counters, InstantSource.fixed(Instant.ofEpochMilli(NOW)));

    private IngestResponse send(WriteV2.Request request) {
        return handler.handle(v2Request(request));
    }

    private IngestResponse sendRaw(byte[] protobuf) {
        return handler.handle(
                RemoteWriteRequest.of(PromRequests.V2_CONTENT_TYPE, "snappy", "2.0.0", Snappy.compress(protobuf)));
    }

    @Test
    void storesSamplesThroughTheSymbolTableAndReportsWrittenCounts() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "a"), NOW - 1000, 1, NOW, 2));
        b.add(b.series(labels("__name__", "up", "job", "b"), NOW, 3));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers())
                .containsEntry("X-Prometheus-Remote-Write-Samples-Written", "3")
                .containsEntry("X-Prometheus-Remote-Write-Histograms-Written", "0")
                .containsEntry("X-Prometheus-Remote-Write-Exemplars-Written", "0");
        assertThat(storage.samples()).containsExactly(
                new StoredSample(Labels.of("__name__", "up", "job", "a"), NOW - 1000, 1),
                new StoredSample(Labels.of("__name__", "up", "job", "a"), NOW, 2),
                new StoredSample(Labels.of("__name__", "up", "job", "b"), NOW, 3));
        assertThat(storage.refMisuse()).isEmpty();
    }

    @Test
    void acceptsSymbolsAfterTheTimeSeriesThatUseThem() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "a"), NOW, 1));
        WriteV2.Request built = b.build();
        // Field order is free in protobuf: put every timeseries before the symbols.
        byte[] body = RemoteWriteHandlerV1Test.concat(
                built.toBuilder().clearSymbols().build().toByteArray(),
                WriteV2.Request.newBuilder().addAllSymbols(built.getSymbolsList()).build().toByteArray());

        IngestResponse response = sendRaw(body);

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void acceptsUnpackedLabelRefs() {
        PromRequests.V2 b = new PromRequests.V2();
        int name = b.ref("__name__");
        int up = b.ref("up");
        byte[] series = RawProto.message(out -> {
            out.writeUInt32(1, name); // unpacked: one varint field per ref
            out.writeUInt32(1, up);
            out.writeByteArray(2, WriteV2.Sample.newBuilder().setTimestamp(NOW).setValue(7).build().toByteArray());
        });
        byte[] body = RemoteWriteHandlerV1Test.concat(
                b.build().toByteArray(), RawProto.message(out -> out.writeByteArray(5, series)));

        IngestResponse response = sendRaw(body);

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.samples()).containsExactly(new StoredSample(Labels.of("__name__", "up"), NOW, 7));
    }

    @Test
    void storesMetadataOncePerFamilyUnderItsFamilyName() {
        PromRequests.V2 b = new PromRequests.V2();
        WriteV2.Metadata histogram = b.metadata(MetricType.METRIC_TYPE_HISTOGRAM, "Request latency.", "seconds");
        b.add(b.series(labels("__name__", "latency_seconds_bucket", "le", "0.1"), NOW, 1).setMetadata(histogram));
        b.add(b.series(labels("__name__", "latency_seconds_bucket", "le", "+Inf"), NOW, 2).setMetadata(histogram));
        b.add(b.series(labels("__name__", "latency_seconds_sum"), NOW, 0.5).setMetadata(histogram));
        b.add(b.series(labels("__name__", "latency_seconds_count"), NOW, 2).setMetadata(histogram));
        b.add(b.series(labels("__name__", "requests_total"), NOW, 9)
                .setMetadata(b.metadata(MetricType.METRIC_TYPE_COUNTER, "Requests.", "")));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(204);
        assertThat(storage.metadata()).containsOnly(
                java.util.Map.entry("latency_seconds", new MetricMetadata(io.strata.model.MetricType.HISTOGRAM, "Request latency.", "seconds")),
                java.util.Map.entry("requests_total", new MetricMetadata(io.strata.model.MetricType.COUNTER, "Requests.", "")));
        assertThat(counters.metadataUpdates()).isEqualTo(2);
    }

    @Test
    void seriesWithoutMetadataUpdateNothing() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW, 1));

        send(b.build());

        assertThat(storage.metadata()).isEmpty();
    }

    @Test
    void refusesASymbolTableThatDoesNotStartWithTheEmptyString() {
        WriteV2.Request request = WriteV2.Request.newBuilder()
                .addAllSymbols(List.of("__name__", "up"))
                .addTimeseries(WriteV2.TimeSeries.newBuilder().addLabelsRefs(0).addLabelsRefs(1)
                        .addSamples(WriteV2.Sample.newBuilder().setTimestamp(NOW).setValue(1)))
                .build();

        IngestResponse response = send(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("symbols[0] must be the empty string", "\"__name__\"");
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "0");
        assertThat(storage.samples()).isEmpty();
        assertThat(counters.get(RejectionReason.INVALID_SYMBOL_TABLE)).isEqualTo(1);
    }

    @Test
    void rejectsASeriesWithAReferenceOutOfRangeAndStoresTheRest() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        b.add(b.series(labels("__name__", "up"), NOW, 1, NOW + 1, 2).addLabelsRefs(b.ref("job")).addLabelsRefs(-1)); // uint32 4294967295

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_symbol_ref: 2 rejected", "label reference out of range",
                "ref=4294967295", "symbols=5");
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "1");
        assertThat(storage.samples()).extracting(StoredSample::labels).containsExactly(Labels.of("__name__", "up", "job", "ok"));
    }

    @Test
    void rejectsAnOddNumberOfLabelRefs() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        b.add(b.series(labels("__name__", "up", "job"), NOW, 1));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("odd number of label references [refs=3]");
        assertThat(counters.get(RejectionReason.INVALID_SYMBOL_REF)).isEqualTo(1);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void rejectsReferencesIntoAnEmptySymbolTable() {
        WriteV2.Request request = WriteV2.Request.newBuilder()
                .addTimeseries(WriteV2.TimeSeries.newBuilder().addLabelsRefs(0).addLabelsRefs(0)
                        .addSamples(WriteV2.Sample.newBuilder().setTimestamp(NOW).setValue(1)))
                .build();

        IngestResponse response = send(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("label reference out of range", "symbols=0");
    }

    @Test
    void refZeroIsTheEmptyStringSoItCannotNameALabel() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        b.add(b.series(labels("", "x", "__name__", "up"), NOW, 1));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(counters.get(RejectionReason.EMPTY_LABEL_NAME)).isEqualTo(1);
    }

    @Test
    void aValueReferringToSymbolZeroIsAnAbsentLabel() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", ""), NOW, 1));

        assertThat(send(b.build()).status()).isEqualTo(204);
        assertThat(storage.samples()).extracting(StoredSample::labels).containsExactly(Labels.of("__name__", "up"));
    }

    @Test
    void rejectsInvalidUtf8SymbolsOnlyForTheSeriesUsingThem() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        WriteV2.Request valid = b.build();
        int badRef = valid.getSymbolsCount();
        byte[] badSymbol = RawProto.message(out -> out.writeBytes(4, ByteString.copyFrom(new byte[] {(byte) 0xff})));
        byte[] series = WriteV2.TimeSeries.newBuilder()
                .addLabelsRefs(1).addLabelsRefs(2) // __name__="up"
                .addLabelsRefs(3).addLabelsRefs(badRef) // job=<invalid>
                .addSamples(WriteV2.Sample.newBuilder().setTimestamp(NOW).setValue(2))
                .build()
                .toByteArray();

        IngestResponse response = sendRaw(RemoteWriteHandlerV1Test.concat(
                valid.toByteArray(), badSymbol, RawProto.message(out -> out.writeByteArray(5, series))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("value of label job is not valid UTF-8");
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void validatesLabelsLikeVersion1() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        b.add(b.series(labels("job", "a", "__name__", "up"), NOW, 1));
        b.add(b.series(labels("__name__", "up", "job", "a", "job", "b"), NOW, 1));
        b.add(b.series(labels("job", "a"), NOW, 1));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(counters.get(RejectionReason.UNSORTED_LABELS)).isEqualTo(1);
        assertThat(counters.get(RejectionReason.DUPLICATE_LABEL_NAME)).isEqualTo(1);
        assertThat(counters.get(RejectionReason.MISSING_METRIC_NAME)).isEqualTo(1);
        assertThat(storage.samples()).hasSize(1);
    }

    @Test
    void refusesHistogramsWithA400ButStoresTheFloatSeries() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up", "job", "ok"), NOW, 1));
        b.add(b.series(labels("__name__", "latency"))
                .addHistograms(WriteV2.Histogram.newBuilder().setCountInt(2).setSum(3).setTimestamp(NOW - 7))
                .setMetadata(b.metadata(MetricType.METRIC_TYPE_HISTOGRAM, "Latency.", "seconds")));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("native_histogram_unsupported: 1 rejected",
                "native histogram samples are not supported yet [series=latency{}, ts=" + (NOW - 7));
        assertThat(response.headers())
                .containsEntry("X-Prometheus-Remote-Write-Samples-Written", "1")
                .containsEntry("X-Prometheus-Remote-Write-Histograms-Written", "0");
        assertThat(storage.samples()).hasSize(1);
        assertThat(storage.metadata()).containsKey("latency");
    }

    @Test
    void ignoresExemplarsAndSaysNoneWereWritten() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW, 1)
                .addExemplars(WriteV2.Exemplar.newBuilder().addLabelsRefs(b.ref("trace_id")).addLabelsRefs(b.ref("abc"))
                        .setValue(1).setTimestamp(NOW)));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Exemplars-Written", "0");
        assertThat(counters.exemplarsIgnored()).isEqualTo(1);
    }

    @Test
    void reportsThePartialWriteCountsAfterRejectedSamples() {
        storage.policy((l, t, v) -> v == 2 ? AppendStatus.OUT_OF_ORDER : AppendStatus.OK);
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW - 2, 1, NOW - 1, 2, NOW, 3));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "2");
        assertThat(response.body()).contains("out_of_order: 1 rejected");
    }

    @Test
    void rejectsMetadataWithAHelpReferenceOutOfRangeButKeepsTheSamples() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW, 1)
                .setMetadata(WriteV2.Metadata.newBuilder().setType(MetricType.METRIC_TYPE_GAUGE).setHelpRef(99)));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("metadata reference out of range", "help_ref=99");
        assertThat(storage.samples()).hasSize(1);
        assertThat(storage.metadata()).isEmpty();
    }

    @Test
    void malformedVersion2StoresNothingAndKeepsTheWrittenHeaders() {
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW, 1));
        byte[] body = b.build().toByteArray();

        IngestResponse response = sendRaw(java.util.Arrays.copyOf(body, body.length - 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("not a valid io.prometheus.write.v2.Request");
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "0");
        assertThat(storage.samples()).isEmpty();
    }

    @Test
    void answers503WithZeroWrittenWhenStorageIsUnavailable() {
        storage.failCommitWith(new StrataException(ErrorCode.UNAVAILABLE, "WAL fsync failed"));
        PromRequests.V2 b = new PromRequests.V2();
        b.add(b.series(labels("__name__", "up"), NOW, 1));

        IngestResponse response = send(b.build());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "0");
        assertThat(response.body()).contains("WAL fsync failed");
    }

    @Test
    void aVersion1BodySentAsVersion2DecodesAsEmpty() {
        // Request reserves fields 1 to 3, so a WriteRequest read as a Request has no series.
        byte[] v1 = PromRequests.v1(PromRequests.v1Series(labels("__name__", "up"), NOW, 1)).toByteArray();

        IngestResponse response = sendRaw(v1);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written", "0");
        assertThat(storage.samples()).isEmpty();
    }
}
