package io.strata.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the index compact: node_exporter-like series, one hour at a 10 s interval, as in the
 * VictoriaMetrics comparison (0.53 index bytes per sample). Sample count hardly matters to the
 * index (one chunk a series either way), so the test writes fewer samples unless
 * {@code -Dstrata.indexSize.hosts=334 -Dstrata.indexSize.samples=360} asks for the full run.
 */
class IndexSizeTest {
    @TempDir
    Path dir;

    @Test
    void nodeExporterLikeIndexStaysUnderTwentyFourBytesPerSeries() throws IOException {
        int hosts = Integer.getInteger("strata.indexSize.hosts", 34);
        int samples = Integer.getInteger("strata.indexSize.samples", 12);
        long step = 3_600_000L / samples;
        List<Labels> labels = NodeExporterLikeSeries.labels(hosts);
        Random random = new Random(1);
        List<TestSeries> series = new ArrayList<>(labels.size());
        for (Labels l : labels) {
            long[] ts = new long[samples];
            double[] vs = new double[samples];
            double v = random.nextInt(1000);
            for (int i = 0; i < samples; i++) {
                ts[i] = i * step + random.nextInt(3); // scrape jitter, as in real data
                v += random.nextInt(4) == 0 ? 0 : random.nextInt(100);
                vs[i] = v;
            }
            series.add(new TestSeries(l, ts, vs));
        }
        BlockMeta meta = BlockWriter.write(dir, 0, 7_200_000, new TestSeriesSource(series, 1024), OsStorageFiles.INSTANCE);
        double perSeries = (double) meta.indexBytes() / meta.numSeries();
        double indexPerSample = (double) meta.indexBytes() / (meta.numSeries() * 360.0);
        try (Block block = Block.open(dir.resolve(meta.id()), OsStorageFiles.INSTANCE)) {
            System.out.printf(java.util.Locale.ROOT,
                    "index: %d series, %d bytes = %.2f bytes/series (series %.2f, postings %.2f), "
                            + "%.4f index bytes/sample at 360 samples/series; chunks %.2f bytes/sample%n",
                    meta.numSeries(), meta.indexBytes(), perSeries,
                    (double) block.index().seriesBytes() / meta.numSeries(),
                    (double) block.index().postingsBytes() / meta.numSeries(), indexPerSample,
                    (double) meta.chunksBytes() / meta.numSamples());
        }
        assertThat(meta.numSeries()).isEqualTo((long) hosts * NodeExporterLikeSeries.SERIES_PER_HOST);
        assertThat(perSeries).isLessThan(24);
    }
}
