package io.strata.tsdb.block;

import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.Checksums;
import io.strata.tsdb.index.ChecksummedWriter;
import io.strata.tsdb.index.CorruptFileException;
import io.strata.tsdb.index.SegmentReader;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tombstones} file of a block ({@code docs/format/block.md}): header "STTB" v1, a
 * varint count of series, per series (ascending ids) the id delta, the number of intervals and
 * each interval as a zigzag varint min and a varint length; CRC32C footer. Small, so it is read
 * onto the heap; rewritten whole (to a new file, then renamed) when deletes are added.
 */
public final class TombstonesFile {
    /** "STTB" (Strata tombstones) in ASCII. */
    public static final int MAGIC = 0x53545442;

    public static final int VERSION = 1;
    private static final int HEADER_BYTES = 8;

    private TombstonesFile() {}

    /** Writes {@code tombstones} to the new file {@code path}, fsynced. */
    public static void write(StorageFiles files, Path path, Tombstones tombstones) throws IOException {
        try (ChecksummedWriter out = ChecksummedWriter.create(files, path)) {
            Checksums.writeHeader(out, MAGIC, VERSION);
            int[] ids = tombstones.seriesIds();
            out.writeVarint(ids.length);
            int prev = 0;
            for (int id : ids) {
                out.writeVarint(id - prev);
                prev = id;
                long[] iv = tombstones.intervals(id);
                out.writeVarint(iv.length / 2);
                for (int i = 0; i < iv.length; i += 2) {
                    out.writeSignedVarlong(iv[i]);
                    out.writeVarlong(iv[i + 1] - iv[i]);
                }
            }
            out.finish();
        }
    }

    /** Replaces the block's tombstones atomically: write aside, fsync, rename, fsync the directory. */
    public static void replace(StorageFiles files, Path blockDir, Tombstones tombstones) throws IOException {
        Path next = blockDir.resolve(BlockFiles.TOMBSTONES + BlockFiles.REWRITE_SUFFIX);
        files.deleteRecursively(next);
        write(files, next, tombstones);
        files.rename(next, blockDir.resolve(BlockFiles.TOMBSTONES));
        files.fsyncDirectory(blockDir);
    }

    /**
     * Reads the tombstones at {@code path}; a missing file means none (blocks written by other
     * tools may lack it).
     *
     * @throws CorruptFileException when the file is damaged
     */
    public static Tombstones read(StorageFiles files, Path path) throws IOException {
        if (!files.exists(path)) {
            return Tombstones.NONE;
        }
        long size = files.size(path);
        if (size > Integer.MAX_VALUE - 8) {
            throw new CorruptFileException(path, -1, "tombstones file of " + size + " bytes is implausibly large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        try (FileChannel ch = files.open(path, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read to the end
            }
        }
        MemorySegment segment = MemorySegment.ofArray(b.array());
        Checksums.verifyHeader(segment, path, MAGIC, "tombstones", VERSION);
        Checksums.verifyFooter(segment, path);
        SegmentReader in = new SegmentReader(segment, path, HEADER_BYTES, size - 4);
        int count = in.readVarint();
        IntArrayList ids = new IntArrayList(count);
        List<long[]> intervals = new ArrayList<>(count);
        int id = 0;
        for (int s = 0; s < count; s++) {
            int delta = in.readVarint();
            if (s > 0 && delta == 0) {
                throw in.corrupt("tombstones repeat series " + id);
            }
            id += delta;
            int n = in.readVarint();
            if (n == 0 || n > (in.limit() - in.position()) / 2) {
                throw in.corrupt("series " + id + " claims " + n + " deleted intervals");
            }
            long[] iv = new long[2 * n];
            for (int i = 0; i < n; i++) {
                iv[2 * i] = in.readSignedVarlong();
                iv[2 * i + 1] = iv[2 * i] + in.readVarlong();
                if (i > 0 && iv[2 * i] <= iv[2 * i - 1] + 1) {
                    throw in.corrupt("deleted intervals of series " + id + " overlap or are out of order");
                }
            }
            ids.add(id);
            intervals.add(iv);
        }
        if (in.hasRemaining()) {
            throw in.corrupt("unexpected bytes after the last tombstone");
        }
        return Tombstones.of(ids, intervals);
    }
}
