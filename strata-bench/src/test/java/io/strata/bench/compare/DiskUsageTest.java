package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskUsageTest {
    @TempDir
    Path dir;

    @Test
    void sumsTheFilesThePredicateAccepts() throws IOException {
        Files.createDirectories(dir.resolve("blocks/b1"));
        Files.write(dir.resolve("blocks/b1/index"), new byte[10]);
        Files.write(dir.resolve("blocks/b1/chunks"), new byte[100]);
        assertThat(DiskUsage.bytes(dir)).isEqualTo(110);
        assertThat(DiskUsage.bytes(dir, p -> p.getFileName().toString().equals("index"))).isEqualTo(10);
        assertThat(DiskUsage.bytes(dir.resolve("absent"))).isZero();
    }

    @Test
    void aDirectoryDeletedDuringTheWalkCountsAsNothing() throws IOException {
        for (String part : new String[] {"a", "b"}) {
            Files.createDirectories(dir.resolve(part));
            Files.write(dir.resolve(part).resolve("data"), new byte[7]);
        }
        // As a merge finishing mid-walk does: the first file seen removes the other part.
        boolean[] deleted = {false};
        long bytes = DiskUsage.bytes(dir, file -> {
            if (!deleted[0]) {
                deleted[0] = true;
                Path other = dir.resolve(file.getParent().getFileName().toString().equals("a") ? "b" : "a");
                try {
                    Files.delete(other.resolve("data"));
                    Files.delete(other);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return true;
        });
        assertThat(bytes).isEqualTo(7);
    }
}
