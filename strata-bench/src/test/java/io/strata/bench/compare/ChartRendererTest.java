package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void ingestChartDrawsEveryServersLineInsideThePlot(@TempDir Path dir) throws Exception {
        CompareResults results = SampleResults.results(1);
        List<Path> files = ReportCharts.write(results, dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("ingest.png", "query-instant.png", "query-range.png");
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(png.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        for (ServerKind s : ServerKind.values()) {
            assertThat(plotPixels(png, ChartRenderer.color(s))).as(s.id()).isGreaterThan(50);
        }
    }

    @Test
    void queryChartDrawsABarPerServerAndLeavesOutMissingValues(@TempDir Path dir) throws Exception {
        List<ChartRenderer.Series> bars = List.of(
                new ChartRenderer.Series("strata", ChartRenderer.color(ServerKind.STRATA), new double[] {1, 100}),
                new ChartRenderer.Series("prometheus", ChartRenderer.color(ServerKind.PROMETHEUS), new double[] {Double.NaN, Double.NaN}));
        Path file = dir.resolve("q.png");
        ChartRenderer.write(ChartRenderer.logBarChart("t", "ms", List.of("a", "b"), bars), file);
        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(plotPixels(png, ChartRenderer.color(ServerKind.STRATA))).isGreaterThan(100);
        assertThat(plotPixels(png, ChartRenderer.color(ServerKind.PROMETHEUS))).isZero();
    }

    @Test
    void niceCeilingRoundsUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ChartRenderer.niceCeiling(1_340_000)).isEqualTo(2_000_000);
        assertThat(ChartRenderer.niceCeiling(0.3)).isEqualTo(0.5);
        assertThat(ChartRenderer.niceCeiling(700)).isEqualTo(1000);
    }

    /** Pixels of exactly {@code color} inside the plot area (the legend above it does not count). */
    private static int plotPixels(BufferedImage png, Color color) {
        int n = 0;
        for (int x = ChartRenderer.LEFT; x < ChartRenderer.WIDTH - ChartRenderer.RIGHT; x++) {
            for (int y = ChartRenderer.TOP; y < ChartRenderer.HEIGHT - ChartRenderer.BOTTOM; y++) {
                if ((png.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }
}
