package io.strata.ingest.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ProtobufReaderTest {
    private final ProtobufReader in = new ProtobufReader();

    @Property(tries = 300)
    void readsVarintsAsProtobufJavaWritesThem(@ForAll long value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64NoTag(value);
        out.flush();
        byte[] b = bytes.toByteArray();

        assertThat(in.reset(b, 0, b.length).readVarint64()).isEqualTo(value);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void readsTheLongestVarint() {
        byte[] max = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, 0x01};

        assertThat(in.reset(max, 0, max.length).readVarint64()).isEqualTo(-1L);
    }

    @Test
    void rejectsAVarintOver64Bits() {
        byte[] tooBig = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, 0x02};

        assertThatThrownBy(() -> in.reset(tooBig, 0, tooBig.length).readVarint64())
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessageContaining("overflows 64 bits");
    }

    @Test
    void rejectsATruncatedVarintWithItsOffset() {
        byte[] b = {0x08, (byte) 0x80, (byte) 0x80};

        in.reset(b, 0, b.length).readTag();
        assertThatThrownBy(in::readVarint64)
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessage("truncated varint at byte offset 1");
    }

    @Test
    void rejectsALengthRunningPastTheMessage() {
        byte[] b = {0x0a, 0x05, 'a', 'b'};

        in.reset(b, 0, b.length).readTag();
        assertThatThrownBy(in::readLength)
                .isInstanceOf(MalformedProtobufException.class)
                .hasMessageContaining("length 5 runs past the end of its message (2 bytes left)");
    }

    @Test
    void rejectsAHugeLengthWithoutOverflowing() {
        byte[] b = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 'a'};

        in.reset(b, 0, b.length).readTag();
        assertThatThrownBy(in::readLength).isInstanceOf(MalformedProtobufException.class);
    }

    @Test
    void keepsANestedMessageInsideItsLength() {
        // Outer field 1 holds 2 bytes: a nested varint field; then outer field 2 follows.
        byte[] b = {0x0a, 0x02, 0x08, 0x07, 0x10, 0x09};

        in.reset(b, 0, b.length);
        assertThat(WireType.fieldNumber(in.readTag())).isEqualTo(1);
        int outer = in.enterMessage();
        assertThat(WireType.fieldNumber(in.readTag())).isEqualTo(1);
        assertThat(in.readVarint64()).isEqualTo(7);
        assertThat(in.hasRemaining()).isFalse();
        in.exitMessage(outer);
        assertThat(WireType.fieldNumber(in.readTag())).isEqualTo(2);
        assertThat(in.readVarint64()).isEqualTo(9);
    }

    @Test
    void aNestedVarintCannotReadPastItsMessage() {
        // Nested message of length 1 holds a varint whose continuation byte lies outside.
        byte[] b = {0x0a, 0x01, (byte) 0x80, 0x01};

        in.reset(b, 0, b.length).readTag();
        in.enterMessage();
        assertThatThrownBy(in::readVarint64).hasMessageContaining("truncated varint");
    }

    @Test
    void rejectsFieldNumberZero() {
        byte[] b = {0x00, 0x01};

        assertThatThrownBy(() -> in.reset(b, 0, b.length).readTag()).hasMessageContaining("invalid field tag 0");
    }

    @Test
    void rejectsGroups() {
        byte[] b = {0x0b};

        assertThatThrownBy(() -> in.reset(b, 0, b.length).readTag())
                .hasMessageContaining("unsupported wire type start-group for field 1");
    }

    @Test
    void rejectsWireTypesSixAndSeven() {
        byte[] b = {0x0e};

        assertThatThrownBy(() -> in.reset(b, 0, b.length).readTag()).hasMessageContaining("unknown wire type 6");
    }

    @Test
    void rejectsTruncatedFixedWidthValues() {
        byte[] fixed64 = {0x09, 1, 2, 3};
        byte[] fixed32 = {0x0d, 1, 2};

        in.reset(fixed64, 0, fixed64.length);
        int tag64 = in.readTag();
        assertThatThrownBy(() -> in.skipField(tag64)).hasMessageContaining("truncated fixed64");
        in.reset(fixed32, 0, fixed32.length);
        int tag32 = in.readTag();
        assertThatThrownBy(() -> in.skipField(tag32)).hasMessageContaining("truncated fixed32");
    }

    @Test
    void readsLittleEndianDoubles() {
        byte[] b = {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f};

        assertThat(in.reset(b, 0, b.length).readDouble()).isEqualTo(1.0);
    }

    @Test
    void readsOnlyTheGivenRange() {
        byte[] b = {0x7f, 0x08, 0x05, 0x7f};

        in.reset(b, 1, 2);
        assertThat(in.readTag()).isEqualTo(0x08);
        assertThat(in.readVarint64()).isEqualTo(5);
        assertThat(in.hasRemaining()).isFalse();
    }
}
