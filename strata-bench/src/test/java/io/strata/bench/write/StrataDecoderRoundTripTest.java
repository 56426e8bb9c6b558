package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.remotewrite.IngestLimits;
import io.strata.ingest.remotewrite.IngestResponse;
import io.strata.ingest.remotewrite.RejectionCounters;
import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.ingest.remotewrite.RemoteWriteHandler;
import io.strata.ingest.remotewrite.RemoteWriteRequest;
import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appendable;
import io.strata.storage.Appender;
import io.strata.testing.generate.NodeExporterDataset;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generator's requests, decoded by Strata's own remote-write handler, give back the dataset exactly. */
class StrataDecoderRoundTripTest {
    private static final long FIRST = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    @ParameterizedTest
    @EnumSource(Version.class)
    void strataStoresEveryGeneratedSampleWithItsLabelsAndType(Version version) {
        NodeExporterDataset dataset = new NodeExporterDataset(3, 5);
        SeriesCatalog catalog = new SeriesCatalog(dataset);
        BatchPlan plan = new BatchPlan(0, dataset.seriesCount(), 30, 2_000);
        BatchEncoder encoder = new BatchEncoder(catalog, version, FIRST, 10_000);
        RecordingStorage storage = new RecordingStorage();
        RemoteWriteHandler handler = new RemoteWriteHandler(storage, IngestLimits.defaults(), new RejectionCounters(),
                InstantSource.fixed(Instant.ofEpochMilli(FIRST + 600_000)));

        for (long r = 0; r < plan.requests(); r++) {
            EncodedRequest request = encoder.encode(plan.batch(r));
            IngestResponse response = handler.handle(new RemoteWriteRequest(version.contentType(), "snappy",
                    version.versionHeader(), Arrays.copyOf(request.body(), request.length()), request.length()));
            assertThat(response.status()).as("response %s", response.body()).isEqualTo(204);
            if (version == Version.V2) {
                assertThat(response.headers()).containsEntry("X-Prometheus-Remote-Write-Samples-Written",
                        Integer.toString(request.samples()));
            }
        }

        assertThat(storage.samples).hasSize(dataset.seriesCount());
        for (int s = 0; s < dataset.seriesCount(); s++) {
            List<double[]> got = storage.samples.get(dataset.labels(s));
            assertThat(got).as("%s", dataset.labels(s)).hasSize(30);
            for (int i = 0; i < 30; i++) {
                long t = FIRST + i * 10_000L;
                assertThat(got.get(i)).containsExactly(t, dataset.value(s, t));
            }
        }
        if (version == Version.V2) {
            assertThat(storage.metadata.get("node_cpu_seconds_total").type()).isEqualTo(MetricType.COUNTER);
            assertThat(storage.metadata.get("node_load1").type()).isEqualTo(MetricType.GAUGE);
        }
    }

    /** Keeps committed samples per series, as {timestamp, value} pairs in arrival order. */
    private static final class RecordingStorage implements Appendable {
        final Map<Labels, List<double[]>> samples = new HashMap<>();
        final Map<String, MetricMetadata> metadata = new HashMap<>();

        @Override
        public Appender appender() {
            return new Appender() {
                private final List<Object[]> pending = new ArrayList<>();
                private final Map<String, MetricMetadata> pendingMetadata = new HashMap<>();

                @Override
                public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
                    pending.add(new Object[] {labels, new double[] {timestamp, value}});
                    return AppendStatus.OK;
                }

                @Override
                public long lastRef() {
                    return 0;
                }

                @Override
                public void updateMetadata(String metricFamily, MetricMetadata m) {
                    pendingMetadata.put(metricFamily, m);
                }

                @Override
                public void commit() {
                    for (Object[] p : pending) {
                        samples.computeIfAbsent((Labels) p[0], k -> new ArrayList<>()).add((double[]) p[1]);
                    }
                    metadata.putAll(pendingMetadata);
                }

                @Override
                public void rollback() {
                    pending.clear();
                }
            };
        }
    }
}
