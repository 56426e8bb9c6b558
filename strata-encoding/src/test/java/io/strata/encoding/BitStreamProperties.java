package io.strata.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BitStreamProperties {

    @Property(tries = 200)
    void readsBackWhatWasWrittenFromHeapAndOffHeap(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 300) int fields) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] widths = new int[fields];
        long[] values = new long[fields];
        BitWriter writer = new BitWriter(1);
        for (int i = 0; i < fields; i++) {
            widths[i] = random.nextInt(65);
            values[i] = widths[i] == 64 ? random.nextLong()
                    : random.nextLong() & ((1L << widths[i]) - 1);
            if (widths[i] == 1 && random.nextBoolean()) {
                writer.writeBit(values[i] == 1);
            } else {
                writer.writeBits(values[i], widths[i]);
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment offHeap = arena.allocate(writer.byteLength() + 1);
            MemorySegment.copy(MemorySegment.ofArray(writer.buffer()), 0, offHeap, 1, writer.byteLength());
            BitReader heap = new BitReader().reset(writer.buffer(), 0, writer.bitLength());
            BitReader native_ = new BitReader().reset(offHeap, 1, writer.bitLength());
            for (int i = 0; i < fields; i++) {
                assertThat(heap.readBits(widths[i])).isEqualTo(values[i]);
                assertThat(native_.readBits(widths[i])).isEqualTo(values[i]);
            }
            assertThat(heap.bitsLeft()).isZero();
            assertThatThrownBy(heap::readBit).isInstanceOf(CorruptChunkException.class);
        }
    }

    @Test
    void readsSignedValues() {
        BitWriter writer = new BitWriter(4);
        writer.writeBits(-3, 7);
        writer.writeBits(5, 7);
        BitReader reader = new BitReader().reset(MemorySegment.ofArray(writer.buffer()), 0, 14);
        assertThat(reader.readSigned(7)).isEqualTo(-3);
        assertThat(reader.readSigned(7)).isEqualTo(5);
    }

    @Test
    void refusesAStreamLongerThanItsSegment() {
        assertThatThrownBy(() -> new BitReader().reset(MemorySegment.ofArray(new byte[2]), 1, 9))
                .isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void resetKeepsTheBufferZeroedForReuse() {
        BitWriter writer = new BitWriter(2);
        writer.writeBits(-1L, 64);
        writer.reset();
        writer.writeBits(0, 3);
        writer.writeBit(true);
        assertThat(writer.buffer()[0]).isEqualTo((byte) 0b0001_0000);
        assertThat(writer.byteLength()).isEqualTo(1);
    }
}
