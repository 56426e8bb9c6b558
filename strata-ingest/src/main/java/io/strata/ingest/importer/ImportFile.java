package io.strata.ingest.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An input file for a file source: counts the bytes read from disk for {@link #progress()} and
 * transparently decompresses gzip (recognised by its magic bytes, whatever the file is called).
 */
final class ImportFile implements AutoCloseable {
    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private final long size;
    private final Counting counting;
    private final InputStream stream;

    ImportFile(Path path) throws IOException {
        this.path = path;
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, Files.exists(path) ? "not a regular file" : "no such file");
        }
        this.size = Files.size(path);
        this.counting = new Counting(Files.newInputStream(path));
        BufferedInputStream buffered = new BufferedInputStream(counting, BUFFER_BYTES);
        InputStream s = buffered;
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 >= 0 && b1 >= 0 && (b0 | b1 << 8) == GZIP_MAGIC) {
                s = new BufferedInputStream(new GZIPInputStream(buffered, BUFFER_BYTES), BUFFER_BYTES);
            }
        } catch (IOException e) {
            buffered.close();
            throw e;
        }
        this.stream = s;
    }

    /** The decompressed content. */
    InputStream stream() {
        return stream;
    }

    /** The file name without directories, as error messages show it. */
    String name() {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counting.count / size);
    }

    String describe() {
        return name() + " (" + humanBytes(size) + ")";
    }

    /** {@code 2.1 MiB}, {@code 512 B}. */
    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
