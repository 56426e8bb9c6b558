package io.strata.tsdb;

import io.strata.model.Labels;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link TsdbCrashTest}: commits numbered batches into a TSDB and prints
 * {@code ACK <n>} after each commit returned, until it is killed or reaches its batch limit.
 *
 * <p>Arguments: data directory, first timestamp (ms), batch limit, series per batch.
 */
public final class CrashWriterMain {
    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        int limit = Integer.parseInt(args[2]);
        int seriesPerBatch = Integer.parseInt(args[3]);
        Labels[] series = new Labels[seriesPerBatch];
        for (int i = 0; i < seriesPerBatch; i++) {
            series[i] = Labels.of("__name__", "crash_test", "series", Integer.toString(i));
        }
        Tsdb db = Tsdb.open(TsdbOptions.builder().dataDir(dir).walSegmentSizeBytes(256 << 10)
                .maxFutureSkew(Duration.ofDays(1)).build());
        System.out.println("READY");
        System.out.flush();
        long[] refs = new long[seriesPerBatch];
        for (int batch = 0; batch < limit; batch++) {
            Appender app = db.appender();
            for (int i = 0; i < seriesPerBatch; i++) {
                AppendStatus s = app.append(refs[i], series[i], start + batch * 1000L, batch);
                if (s != AppendStatus.OK) {
                    throw new IllegalStateException("batch " + batch + " rejected: " + s);
                }
                refs[i] = app.lastRef();
            }
            app.commit();
            System.out.println("ACK " + batch);
            System.out.flush();
        }
        // Reaching the limit means the parent never killed us; it fails the test then.
        System.out.println("DONE");
        System.out.flush();
    }
}
