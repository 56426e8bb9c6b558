package io.strata.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class VarintsTest {

    @Property(tries = 500)
    void roundTripsEveryLong(@ForAll long value) {
        ByteSink sink = new ByteSink(1);
        sink.writeUnsignedVarint(value).writeSignedVarint(value).writeLongLE(value).writeIntLE((int) value);
        assertThat(Varints.sizeOfUnsigned(value) + Varints.sizeOfSigned(value) + 12)
                .isEqualTo(sink.length());
        ByteInput in = new ByteInput().reset(sink.buffer(), 0, sink.length());
        assertThat(in.readUnsignedVarint()).isEqualTo(value);
        assertThat(in.readSignedVarint()).isEqualTo(value);
        assertThat(in.readLongLE()).isEqualTo(value);
        assertThat(in.readIntLE()).isEqualTo((int) value);
        assertThat(in.remaining()).isZero();
        assertThat(Varints.readUnsigned(sink.buffer(), 0, sink.length())).isEqualTo(value);
    }

    @Test
    void matchesProtobufBytes() {
        byte[] out = new byte[10];
        assertThat(HexFormat.of().formatHex(out, 0, Varints.writeUnsigned(out, 0, 300))).isEqualTo("ac02");
        assertThat(HexFormat.of().formatHex(out, 0, Varints.writeSigned(out, 0, -1))).isEqualTo("01");
        assertThat(HexFormat.of().formatHex(out, 0, Varints.writeUnsigned(out, 0, -1L)))
                .isEqualTo("ffffffffffffffffff01");
    }

    @Test
    void rejectsOverlongAndTruncatedVarints() {
        byte[] overlong = HexFormat.of().parseHex("ffffffffffffffffff02");
        assertThatThrownBy(() -> new ByteInput().reset(overlong, 0, overlong.length).readUnsignedVarint())
                .isInstanceOf(CorruptChunkException.class).hasMessageContaining("overflows");
        byte[] truncated = HexFormat.of().parseHex("ff");
        assertThatThrownBy(() -> new ByteInput().reset(truncated, 0, 1).readUnsignedVarint())
                .isInstanceOf(CorruptChunkException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> Varints.readUnsigned(truncated, 0, 1))
                .isInstanceOf(CorruptChunkException.class);
    }

    @Test
    void crc32cMatchesTheJdkOverArraysAndSegments() {
        byte[] data = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // The CRC32C check value of "123456789" (RFC 3720).
        assertThat(Crc32c.of(data, 0, data.length)).isEqualTo(0xe3069283);
        assertThat(Crc32c.of(MemorySegment.ofArray(data), 2, 5)).isEqualTo(Crc32c.of(data, 2, 5));
        CRC32C jdk = new CRC32C();
        jdk.update(data, 2, 5);
        assertThat(Crc32c.of(data, 2, 5)).isEqualTo((int) jdk.getValue());
    }
}
