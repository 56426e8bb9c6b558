package io.strata.ingest.remotewrite;

import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;

/**
 * Decompresses snappy's block format (the one remote write mandates; the framed format is
 * refused by name). The uncompressed length in the block header is checked against the limit,
 * and against what the compressed bytes could possibly expand to, before any allocation: a
 * ten-byte body cannot make us allocate 64 MiB.
 *
 * <p>Uses the pure-Java decompressor: its behaviour on hostile input is what the fuzz tests
 * exercise, and it needs no native library. Stateless and thread-safe.
 */
final class SnappyBlock {
    /**
     * The most a snappy element expands: a copy with a two-byte offset is three bytes long and
     * yields up to 64 bytes. Literals never expand, so no valid block exceeds 22 times its size.
     */
    private static final long MAX_EXPANSION = 22;

    /** The stream identifier chunk that starts every framed-format stream. */
    private static final byte[] FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private final SnappyJavaDecompressor decompressor = new SnappyJavaDecompressor();

    /** A decompressed body, or why there is none. */
    sealed interface Result {}

    record Decompressed(byte[] bytes) implements Result {}

    record Failed(RejectionReason reason, String message) implements Result {}

    Result decompress(byte[] body, int length, long maxDecompressedBytes) {
        if (startsWithFramedMagic(body, length)) {
            return malformed("body is snappy framed format; remote write requires the block format"
                    + " (Go's snappy.Encode, not snappy.NewWriter)");
        }
        long declared = 0;
        int headerLength = 0;
        for (int shift = 0; ; shift += 7) {
            if (headerLength >= length) {
                return malformed(length == 0
                        ? "empty body: expected a snappy block"
                        : "truncated snappy length header");
            }
            if (headerLength == 5) {
                return malformed("snappy length header longer than five bytes");
            }
            int b = body[headerLength++];
            declared |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (declared > 0xffffffffL) {
            return malformed("snappy length header exceeds 32 bits");
        }
        if (declared > maxDecompressedBytes) {
            return new Failed(
                    RejectionReason.BODY_TOO_LARGE,
                    "decompressed body too large: snappy header announces " + declared + " bytes, limit "
                            + maxDecompressedBytes + " (ingest.maxDecompressedBytes); send smaller batches");
        }
        long possible = (long) (length - headerLength) * MAX_EXPANSION;
        if (declared > possible) {
            return malformed("snappy header announces " + declared + " bytes but " + (length - headerLength)
                    + " compressed bytes expand to at most " + possible);
        }
        byte[] out = new byte[(int) declared];
        try {
            int written = decompressor.decompress(body, 0, length, out, 0, out.length);
            if (written != declared) {
                return malformed("snappy block decompressed to " + written + " bytes, header announced " + declared);
            }
        } catch (MalformedInputException e) {
            return malformed("invalid snappy block at offset " + e.getOffset() + ": " + e.getMessage());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // The decompressor reports some corruptions (e.g. output size mismatch) this way.
            return malformed("invalid snappy block: " + e.getMessage());
        }
        return new Decompressed(out);
    }

    private static boolean startsWithFramedMagic(byte[] body, int length) {
        if (length < FRAMED_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < FRAMED_MAGIC.length; i++) {
            if (body[i] != FRAMED_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static Failed malformed(String message) {
        return new Failed(RejectionReason.MALFORMED_SNAPPY, message);
    }
}
