package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalFormat.FRAME_HEADER_BYTES;
import static io.strata.tsdb.wal.WalFormat.SEGMENT_HEADER_BYTES;

import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Finds where the last segment's intact frames end and cuts off what follows, if that is a torn
 * last write.
 *
 * <p>The rule: damaged bytes at the end of the last segment are a torn write (cut off and
 * reported) only when no intact frame follows them anywhere in the segment. A crash can leave an
 * incomplete, zero-filled or garbled last record, but never a complete record after a broken one,
 * because records are written in order. Damage followed by an intact frame therefore is
 * corruption, and cutting it off would drop acknowledged records: that is a
 * {@link CorruptWalException}. Earlier segments were fsynced before the next one was created, so
 * damage in them is always corruption (found by replay).
 */
final class TornTailRepair {
    private TornTailRepair() {}

    static WalRepairReport repair(StorageFiles files, Path path, int number) throws IOException {
        long size = files.size(path);
        if (size < SEGMENT_HEADER_BYTES || isAllZero(files, path, SEGMENT_HEADER_BYTES)) {
            // Created but its header never reached the disk: nothing was ever acknowledged from
            // it, unless intact frames follow (then only the header was damaged).
            long intact = findIntactFrame(files, path, SEGMENT_HEADER_BYTES, size);
            if (intact >= 0) {
                throw new CorruptWalException(path, number, 0, "segment header is zeroed but an intact record"
                        + " follows at offset " + intact);
            }
            rewriteHeader(files, path, number);
            return WalRepairReport.truncated(number, 0, size, "segment header incomplete (" + size + " bytes)");
        }
        long cut;
        String problem;
        try (SegmentReader reader = SegmentReader.open(files, path, number, size, null)) {
            SegmentReader.Step step;
            while ((step = reader.next()) == SegmentReader.Step.FRAME) {
                // only looking for the end of the intact frames
            }
            if (step == SegmentReader.Step.END) {
                return WalRepairReport.clean();
            }
            cut = reader.frameOffset();
            problem = reader.problem();
            long intact = findIntactFrame(files, path, cut + 1, size);
            if (intact >= 0) {
                throw new CorruptWalException(path, number, cut, problem + "; an intact record follows at offset "
                        + intact + ", so this is not a torn last write");
            }
        }
        try (FileChannel channel = files.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
            files.fsync(channel, path);
        }
        return WalRepairReport.truncated(number, cut, size - cut, problem);
    }

    /** Offset of the first intact frame starting in {@code [from, size)}, or -1. */
    static long findIntactFrame(StorageFiles files, Path path, long from, long size) throws IOException {
        if (size - from < FRAME_HEADER_BYTES + 1) {
            return -1;
        }
        if (size > Integer.MAX_VALUE) {
            throw new CorruptWalException(path, -1, 0, "segment of " + size + " bytes is larger than any WAL segment");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mapped = files.mapReadOnly(path, size, arena);
            ByteBuffer bytes = mapped.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            for (long q = from; q + FRAME_HEADER_BYTES < size; q++) {
                int at = (int) q;
                int length = WalFormat.frameLength(bytes, at);
                if (length < 0 || at + FRAME_HEADER_BYTES + (long) length > size) {
                    continue;
                }
                crc.reset();
                crc.update(bytes.duplicate().limit(at + FRAME_HEADER_BYTES + length).position(at + FRAME_HEADER_BYTES));
                if ((int) crc.getValue() == WalFormat.framePayloadCrc(bytes, at)) {
                    return q;
                }
            }
        }
        return -1;
    }

    private static boolean isAllZero(StorageFiles files, Path path, int bytes) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(bytes);
        try (FileChannel channel = files.open(path, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // read the header bytes
            }
        }
        for (int i = 0; i < head.position(); i++) {
            if (head.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the header the segment was being created with. Its previous-length field is the
     * previous segment's size now (0 when there is none): a crash before this header was durable
     * means that nothing was ever written to this segment, so every byte of the previous one is
     * still part of the log (after a rotation it was fsynced in full; after a failed fsync, the
     * records rewritten from memory never arrived here, so their first copy is the one to keep).
     */
    private static void rewriteHeader(StorageFiles files, Path path, int number) throws IOException {
        Path previous = number > 0 ? WalFiles.segmentPath(path.getParent(), number - 1) : null;
        long previousLength = previous != null && files.exists(previous)
                ? files.size(previous)
                : WalFormat.NO_PREVIOUS_SEGMENT;
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        WalFormat.putSegmentHeader(header, number, previousLength);
        header.flip();
        try (FileChannel channel = files.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            while (header.hasRemaining()) {
                channel.write(header, header.position());
            }
            files.fsync(channel, path);
        }
    }
}
