package io.strata.ingest.importer;

import java.io.IOException;

/**
 * A reader of historical samples (a file or a remote server) for {@code strata import}. Not
 * thread-safe: one thread calls {@link #next} until it returns false, then {@link #close}.
 *
 * <p>Each {@link #next} call does a bounded amount of work (some thousand lines, one time slice)
 * and hands what it read to the sink, so memory stays bounded whatever the input's size.
 */
public interface ImportSource extends AutoCloseable {
    /**
     * Delivers the next pieces of series to the sink.
     *
     * @return false when the source is exhausted (everything has been delivered)
     * @throws ImportFormatException when the input is malformed; the message names the file and line
     * @throws IOException when reading fails, or when the sink fails
     */
    boolean next(ImportSink sink) throws IOException;

    /** Fraction done in [0, 1], for a progress bar: bytes read of the file's size, or time covered of the range. */
    double progress();

    /** What is read, for the progress line: {@code node.om (2.1 MiB)}. */
    String describe();

    @Override
    void close() throws IOException;
}
