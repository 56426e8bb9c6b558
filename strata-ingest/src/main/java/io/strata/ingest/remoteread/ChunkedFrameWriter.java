package io.strata.ingest.remoteread;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes the frames of a STREAMED_XOR_CHUNKS response, as Prometheus's {@code ChunkedWriter}
 * reads them:
 *
 * <pre>
 * ┌──────────────────────┬──────────────────────────────┬──────────────────────────────┐
 * │ uvarint message size │ CRC32C of the message (4 B,  │ ChunkedReadResponse message  │
 * │ (1-10 bytes)         │ big-endian, Castagnoli)      │ (size bytes)                 │
 * └──────────────────────┴──────────────────────────────┴──────────────────────────────┘
 * </pre>
 *
 * Each frame is flushed as soon as it is written so the client can decode while the server
 * reads the next series. Not thread-safe.
 */
final class ChunkedFrameWriter {
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[10 + 4];

    ChunkedFrameWriter(OutputStream out) {
        this.out = out;
    }

    void write(byte[] message) throws IOException {
        int n = 0;
        long size = message.length;
        while ((size & ~0x7fL) != 0) {
            header[n++] = (byte) ((size & 0x7f) | 0x80);
            size >>>= 7;
        }
        header[n++] = (byte) size;
        crc.reset();
        crc.update(message, 0, message.length);
        int checksum = (int) crc.getValue();
        header[n++] = (byte) (checksum >>> 24);
        header[n++] = (byte) (checksum >>> 16);
        header[n++] = (byte) (checksum >>> 8);
        header[n++] = (byte) checksum;
        out.write(header, 0, n);
        out.write(message);
        out.flush();
    }
}
