package io.strata.ingest.compress;

import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;

/**
 * Decompresses snappy's block format (the one remote write mandates; the framed format is
 * refused by name). The uncompressed length in the block header is checked against the limit,
 * and against what the compressed bytes could possibly expand to, before any allocation: a
 * ten-byte body cannot make us allocate 64 MiB.
 *
 * <p>Shared by remote write and remote read. Uses the pure-Java decompressor: its behaviour on hostile input is what the fuzz tests
 * exercise, and it needs no native library. Stateless and thread-safe.
 */
public final class SnappyBlock {
    /**
     * The most a snappy element expands: a copy with a two-byte offset is three bytes long and
     * yields up to 64 bytes. Literals never expand, so no valid block exceeds 22 times its size.
     */
    private static final long MAX_EXPANSION = 22;

    /** The stream identifier chunk that starts every framed-format stream. */
    private static final byte[] FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private final SnappyJavaDecompressor decompressor = new SnappyJavaDecompressor();

    /** A decompressed body, or why there is none. */
    public sealed interface Result {}

    public record Decompressed(byte[] bytes) implements Result {}

    /**
     * Why the body could not be decompressed.
     *
     * @param tooLarge true when the body is valid so far but decompresses past the limit (a 413),
     *     false when it is not snappy block data (a 400)
     */
    public record Failed(boolean tooLarge, String message) implements Result {}

    /**
     * Decompresses {@code body[0, length)}.
     *
     * @param limitKey the configuration key of the limit, named in the message when it is exceeded
     */
    public Result decompress(byte[] body, int length, long maxDecompressedBytes, String limitKey) {
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
                    true,
                    "decompressed body too large: snappy header announces " + declared + " bytes, limit "
                            + maxDecompressedBytes + " (" + limitKey + "); send smaller requests");
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
        return new Failed(false, message);
    }
}
