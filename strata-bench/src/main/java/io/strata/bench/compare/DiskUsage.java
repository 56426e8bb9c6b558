package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * Bytes a server keeps on disk, split the way its layout allows: sample data (compressed chunks
 * or parts), the index (postings, label lookup) and everything in the data directory. Each server
 * says which files count as which ({@link ServerProcess#diskUsage()}).
 *
 * @param data bytes of sample data
 * @param index bytes of the index
 * @param total every file of the data directory, WAL and caches included
 */
record DiskUsage(long data, long index, long total) {

    /**
     * Sum of the sizes of the regular files below {@code dir} (0 when it does not exist) that
     * {@code include} accepts. Files and directories that vanish during the walk count as 0 bytes:
     * a server may finish a merge and delete its inputs while we measure (VictoriaMetrics does),
     * and the caller measures again until the size is stable.
     */
    static long bytes(Path dir, Predicate<Path> include) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long[] sum = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && include.test(file)) {
                    sum[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    /** Sum of the sizes of every regular file below {@code dir}. */
    static long bytes(Path dir) throws IOException {
        return bytes(dir, p -> true);
    }
}
