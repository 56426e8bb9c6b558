package io.strata.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

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

    /** Sum of the sizes of the regular files below {@code dir} (0 when it does not exist) that {@code include} accepts. */
    static long bytes(Path dir, Predicate<Path> include) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(include).mapToLong(DiskUsage::sizeOrZero).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Sum of the sizes of every regular file below {@code dir}. */
    static long bytes(Path dir) throws IOException {
        return bytes(dir, p -> true);
    }

    /** A file a server deletes while we walk counts as 0 bytes: it is gone. */
    private static long sizeOrZero(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
