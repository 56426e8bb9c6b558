package io.strata.encoding.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.encoding.CorruptChunkException;
import io.strata.model.SampleValues;
import io.strata.storage.SampleCursor;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors computed by hand from Prometheus's XOR layout, and round trips. Each vector
 * spells out its bits in a comment so that a reader can check it against Prometheus's
 * {@code tsdb/docs/format/chunks.md}.
 */
class PrometheusXorChunkTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String encode(long[] ts, double[] values) {
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        for (int i = 0; i < ts.length; i++) {
            chunk.append(ts[i], values[i]);
        }
        return HEX.formatHex(chunk.bytes());
    }

    @Test
    void encodesSameValueThenNewWindow() {
        // count 0003 | t0=1000 zigzag 2000 -> d0 0f | 1.0 -> 3ff0000000000000 | delta 1000 -> e8 07
        // bits: v1 '0', dod '0', v2 '1' '1' leading 00001 length 001011 xor 11111111111, pad
        //       0011 0000 | 1001 0111 | 1111 1111 | 1100 0000
        assertThat(encode(new long[] {1000, 2000, 3000}, new double[] {1, 1, 2}))
                .isEqualTo("0003" + "d00f" + "3ff0000000000000" + "e807" + "3097ffc0");
    }

    @Test
    void putsPlus8192InTheFourteenBitBucket() {
        // t: 0, 10, 20, 8222 -> dod 8192, the top of the asymmetric 14-bit range [-8191, 8192].
        // bits: v1 '0', dod '0', v2 '0', dod '10' 10000000000000, v3 '0'
        //       0001 0100 | 0000 0000 | 0000 0000
        assertThat(encode(new long[] {0, 10, 20, 8222}, new double[] {0, 0, 0, 0}))
                .isEqualTo("0004" + "00" + "0000000000000000" + "0a" + "140000");
    }

    @Test
    void putsMinus8192InTheSeventeenBitBucket() {
        // t: 0, 10000, 20000, 21808 -> dod -8192, just outside the 14-bit range.
        // delta 10000 -> 90 4e; bits: v1 '0', dod '0', v2 '0', dod '110' 11110000000000000, v3 '0'
        //       0001 1011 | 1100 0000 | 0000 0000
        assertThat(encode(new long[] {0, 10_000, 20_000, 21_808}, new double[] {0, 0, 0, 0}))
                .isEqualTo("0004" + "00" + "0000000000000000" + "904e" + "1bc000");
    }

    @Test
    void encodesNegativeFirstTimestampAsZigzagVarint() {
        // t0 = -1 -> zigzag 1 -> 01; one sample, no bits after the value.
        assertThat(encode(new long[] {-1}, new double[] {SampleValues.STALE_NAN}))
                .isEqualTo("0001" + "01" + "7ff0000000000002");
    }

    @Test
    void clampsLeadingZerosTo31() {
        // 1.0 then 1.0 + ulp: xor = 1 -> 63 leading zeros, clamped to 31: length 64-31-0 = 33.
        // bits: v1 '1' '1' leading 11111 length 100001 then 33 bits ...0001
        String hex = encode(new long[] {0, 1}, new double[] {1, Math.nextUp(1.0)});
        assertThat(hex).startsWith("0002" + "00" + "3ff0000000000000" + "01");
        // bits 11 11111 100001, 32 zeros, 1 (46 bits): 1111 1111 | 0000 1000 | 0x00 x3 | 0000 0100
        assertThat(hex.substring(24)).isEqualTo("ff0800000004");
    }

    @Test
    void writesSixtyFourMeaningfulBitsAsZero() {
        // 0.0 then -NaN with all bits set: xor has no leading or trailing zeros.
        String hex = encode(new long[] {0, 1},
                new double[] {0.0, Double.longBitsToDouble(0xffffffffffffffffL)});
        // bits 11 00000 000000 then 64 ones (77 bits): 1100 0000 | 0000 0111 | 0xff x7 | 1111 1000
        assertThat(hex.substring(24)).isEqualTo("c007fffffffffffffff8");
    }

    @Test
    void rejectsTruncatedChunks() {
        byte[] chunk = HEX.parseHex("0003d00f3ff0000000000000e8073097ffc0");
        byte[] truncated = java.util.Arrays.copyOf(chunk, chunk.length - 2);
        SampleCursor cursor = PrometheusXorChunk.cursor(truncated);
        assertThat(cursor.next()).isEqualTo(SampleCursor.FLOAT);
        assertThat(cursor.next()).isEqualTo(SampleCursor.FLOAT);
        assertThatThrownBy(cursor::next).isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining("ends early");
    }

    @Test
    void refusesMoreThan65535Samples() {
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        for (int i = 0; i < PrometheusXorChunk.MAX_SAMPLES; i++) {
            chunk.append(i, 1);
        }
        assertThat(chunk.bytes()[0]).isEqualTo((byte) 0xff);
        assertThatThrownBy(() -> chunk.append(1L << 40, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Property(tries = 200)
    void roundTrips(@ForAll long seed, @ForAll @IntRange(min = 1, max = 500) int size) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ts = new long[size];
        double[] values = new double[size];
        ts[0] = random.nextLong(-(1L << 60), 1L << 60);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                long delta = switch (random.nextInt(4)) {
                    case 0 -> 15_000;
                    case 1 -> random.nextLong(1, 20_000);
                    case 2 -> random.nextLong(1, 1L << 20);
                    default -> random.nextLong(1, 1L << 40);
                };
                ts[i] = ts[i - 1] + delta;
            }
            values[i] = switch (random.nextInt(5)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> i > 0 ? values[i - 1] : 0;
                case 2 -> random.nextLong(1000);
                case 3 -> SampleValues.STALE_NAN;
                default -> random.nextDouble();
            };
        }
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        for (int i = 0; i < size; i++) {
            chunk.append(ts[i], values[i]);
        }
        assertThat(chunk.minTime()).isEqualTo(ts[0]);
        assertThat(chunk.maxTime()).isEqualTo(ts[size - 1]);
        SampleCursor cursor = PrometheusXorChunk.cursor(chunk.bytes());
        for (int i = 0; i < size; i++) {
            assertThat(cursor.next()).isEqualTo(SampleCursor.FLOAT);
            assertThat(cursor.timestamp()).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(cursor.value()))
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(cursor.next()).isEqualTo(SampleCursor.NONE);
    }
}
