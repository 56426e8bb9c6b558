package io.strata.encoding.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.encoding.BitWriter;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class DecimalStreamTest {

    @Test
    void decimalValuesAreThoseThatRoundTripThroughAScaledInteger() {
        assertThat(DecimalScale.scaleOf(42)).isZero();
        assertThat(DecimalScale.scaleOf(0.57)).isEqualTo(2);
        assertThat(DecimalScale.scaleOf(123456.000001)).isEqualTo(6);
        assertThat(DecimalScale.scaleOf(0.1 + 0.2)).as("0.30000000000000004").isEqualTo(-1);
        assertThat(DecimalScale.scaleOf(-0.0)).isEqualTo(-1);
        assertThat(DecimalScale.scaleOf(Double.NaN)).isEqualTo(-1);
        assertThat(DecimalScale.scaleOf(Double.POSITIVE_INFINITY)).isEqualTo(-1);
        assertThat(DecimalScale.scaleOf(Math.pow(2, 53))).isZero();
        assertThat(DecimalScale.scaleOf(Math.pow(2, 53) + 2)).as("beyond 2^53").isEqualTo(-1);
    }

    @Test
    void aCounterAtASteadyRateCostsTwoBitsASample() {
        double[] values = new double[120];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000.5 + i * 12.5;
        }
        BitWriter out = write(values);
        // first sample: mode + 64 bits; second: the first delta of each (28 + 16 bits); then
        // '0' for the timestamp and '0' for the value
        assertThat(out.bitLength()).isEqualTo(67 + 28 + 16 + 2L * 118);
        assertRoundTrip(values);
    }

    @Test
    void switchesScaleAndFallsBackToXorAndBack() {
        double[] values = {
            1, 2, 3, // scale 0
            3.5, 3.75, 4, // more decimals: escape to scale 1, then to scale 2
            1e17, // too large for scale 2: escape to scale 0
            0.1 + 0.2, 0.3, 7, // not decimal: XOR for the rest of the chunk
            Double.longBitsToDouble(0x7ff0000000000002L), // Prometheus's stale marker
            -0.0, Double.NEGATIVE_INFINITY, 5
        };
        assertRoundTrip(values);
        double[] staleFirst = {Double.longBitsToDouble(0x7ff0000000000002L), 1, 2};
        assertRoundTrip(staleFirst);
        double[] extremes = {Math.pow(2, 53), -Math.pow(2, 53), Math.pow(2, 53), 0.000001, -0.000001};
        assertRoundTrip(extremes);
    }

    @Test
    void decimalGaugesTakeFewerBitsThanXor() {
        double[] values = new double[120];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double level = 40;
        for (int i = 0; i < values.length; i++) {
            level = Math.max(0, level + random.nextDouble(-1, 1));
            values[i] = Math.round(level * 100) / 100.0;
        }
        BitWriter decimal = write(values);
        BitWriter xor = new BitWriter(64);
        XorStreamWriter xorWriter = new XorStreamWriter();
        for (int i = 0; i < values.length; i++) {
            xorWriter.append(xor, i * 10_000L, values[i]);
        }
        assertThat(decimal.bitLength()).isLessThan(xor.bitLength() / 2);
        assertRoundTrip(values);
    }

    private static BitWriter write(double[] values) {
        BitWriter out = new BitWriter(64);
        DecimalStreamWriter writer = new DecimalStreamWriter();
        for (int i = 0; i < values.length; i++) {
            writer.append(out, i * 10_000L, values[i]);
        }
        return out;
    }

    /** Reads the values back from a DECIMAL_V1 chunk and from the open stream, bit for bit. */
    private static void assertRoundTrip(double[] values) {
        BitWriter out = write(values);
        int body = out.byteLength();
        long maxTime = (values.length - 1) * 10_000L;
        byte[] chunk = new byte[ChunkHeader.size(values.length, 0, maxTime, body) + body + ChunkFormat.CRC_BYTES];
        int pos = ChunkHeader.write(chunk, 0, ChunkFormat.DECIMAL_V1, values.length, 0, maxTime, body);
        System.arraycopy(out.buffer(), 0, chunk, pos, body);
        ChunkHeader.writeCrc(chunk, pos + body);
        Chunks.verify(MemorySegment.ofArray(chunk));
        SampleCursor finished = Chunks.cursor(chunk, null);
        SampleCursor open = new ChunkCursor().resetOpen(MemorySegment.ofArray(out.buffer()), out.bitLength(),
                values.length, 0, maxTime);
        for (int i = 0; i < values.length; i++) {
            for (SampleCursor c : new SampleCursor[] {finished, open}) {
                assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
                assertThat(c.timestamp()).isEqualTo(i * 10_000L);
                assertThat(Double.doubleToRawLongBits(c.value())).as("value %d", i)
                        .isEqualTo(Double.doubleToRawLongBits(values[i]));
            }
        }
        assertThat(finished.next()).isEqualTo(SampleCursor.NONE);
        assertThat(open.next()).isEqualTo(SampleCursor.NONE);
    }
}
