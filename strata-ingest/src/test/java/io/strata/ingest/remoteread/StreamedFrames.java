package io.strata.ingest.remoteread;

import io.strata.ingest.prompb.Remote;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/** Reads a STREAMED_XOR_CHUNKS body back into messages, checking every frame's CRC32C. */
final class StreamedFrames {
    private StreamedFrames() {}

    static List<Remote.ChunkedReadResponse> parse(byte[] body) throws IOException {
        List<Remote.ChunkedReadResponse> frames = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(body);
        while (in.hasRemaining()) {
            long size = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in.get();
                size |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            int expectedCrc = in.getInt(); // big-endian
            byte[] message = new byte[(int) size];
            in.get(message);
            CRC32C crc = new CRC32C();
            crc.update(message);
            if ((int) crc.getValue() != expectedCrc) {
                throw new IOException("frame " + frames.size() + ": CRC32C " + Integer.toHexString((int) crc.getValue())
                        + " != header " + Integer.toHexString(expectedCrc) + " for " + Arrays.toString(message));
            }
            frames.add(Remote.ChunkedReadResponse.parseFrom(message));
        }
        return frames;
    }
}
