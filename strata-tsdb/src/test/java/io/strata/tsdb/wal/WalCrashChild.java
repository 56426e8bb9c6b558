package io.strata.tsdb.wal;

import io.strata.tsdb.fs.OsStorageFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Child process of {@link WalCrashTest}: appends numbered records as fast as it can and prints
 * {@code ACK n} after each append returned, until it is killed (or a bound is reached).
 */
public final class WalCrashChild {
    private static final long MAX_RECORDS = 1_000_000;

    private WalCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SyncMode mode = SyncMode.valueOf(args[1]);
        long first = Long.parseLong(args[2]);
        PrintStream out = System.out;
        // small segments, so that the kill can land in a rotation too
        WalOptions options = new WalOptions(mode, Duration.ofMillis(50), 64 << 10);
        try (Wal wal = Wal.open(dir, options, OsStorageFiles.INSTANCE, InstantSource.system())) {
            out.println("READY");
            out.flush();
            for (long i = first; i < first + MAX_RECORDS; i++) {
                wal.append(WalTestSupport.numbered(i, 1 + (int) (i % 64)));
                out.println("ACK " + i);
                out.flush();
            }
        }
    }
}
