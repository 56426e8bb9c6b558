package io.strata.ingest.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes remote-write messages field by field, for inputs the generated classes refuse to build
 * (invalid UTF-8 in a string field, for instance).
 */
public final class RawProto {
    private RawProto() {}

    /** {@code Label { name = 1; value = 2; }} with arbitrary bytes. */
    public static byte[] label(byte[] name, byte[] value) {
        return message(out -> {
            out.writeBytes(1, ByteString.copyFrom(name));
            out.writeBytes(2, ByteString.copyFrom(value));
        });
    }

    /** {@code Sample { double value = 1; int64 timestamp = 2; }}. */
    public static byte[] sample(long timestamp, double value) {
        return message(out -> {
            out.writeDouble(1, value);
            out.writeInt64(2, timestamp);
        });
    }

    /** A 1.0 TimeSeries from label messages followed by sample messages. */
    public static byte[] series(byte[]... labelsThenSamples) {
        return message(out -> {
            for (byte[] part : labelsThenSamples) {
                // A Sample always starts with field 1 as fixed64 (tag 0x09); a Label with field 1 as bytes (0x0a).
                int field = part.length > 0 && part[0] == 0x09 ? 2 : 1;
                out.writeByteArray(field, part);
            }
        });
    }

    /** A 1.0 WriteRequest from serialized TimeSeries messages. */
    public static byte[] writeRequest(byte[]... series) {
        return message(out -> {
            for (byte[] s : series) {
                out.writeByteArray(1, s);
            }
        });
    }

    /** Writes fields through a {@link CodedOutputStream}. */
    @FunctionalInterface
    public interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    public static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
