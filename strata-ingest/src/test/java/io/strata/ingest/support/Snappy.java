package io.strata.ingest.support;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import java.util.Arrays;

/** Snappy block format for tests, through aircompressor (independent of the code under test). */
public final class Snappy {
    private Snappy() {}

    public static byte[] compress(byte[] raw) {
        SnappyJavaCompressor compressor = new SnappyJavaCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    public static byte[] decompress(byte[] compressed) {
        SnappyJavaDecompressor d = new SnappyJavaDecompressor();
        byte[] out = new byte[d.getUncompressedLength(compressed, 0)];
        int n = d.decompress(compressed, 0, compressed.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
