package io.strata.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class WalRecordsTest {
    private static final double STALE_MARKER = Double.longBitsToDouble(0x7ff0000000000002L);

    @Property(tries = 200)
    void samplesRoundTripBitForBit(@ForAll @Size(max = 300) List<Long> refList, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        int n = refList.size();
        long[] refs = refList.stream().mapToLong(Long::longValue).toArray();
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = random.nextBoolean() ? random.nextLong() : 1_700_000_000_000L + random.nextInt(1_000_000);
            values[i] = Double.longBitsToDouble(random.nextLong()); // NaN payloads included
        }
        ByteBuffer record = WalRecords.encodeSamples(refs, ts, values, n, null);

        Captured got = decode(record);

        assertThat(got.refs).containsExactly(refs);
        assertThat(got.timestamps).containsExactly(ts);
        assertThat(got.valueBits).containsExactly(bits(values));
    }

    @Property(tries = 100)
    void seriesRoundTrip(@ForAll @Size(max = 20) List<@Size(max = 6) Map<@AlphaChars @StringLength(min = 1, max = 12) String,
            @StringLength(min = 1, max = 30) String>> labelMaps, @ForAll long firstRef) throws Exception {
        int n = labelMaps.size();
        long[] refs = new long[n];
        Labels[] labels = new Labels[n];
        for (int i = 0; i < n; i++) {
            refs[i] = firstRef + i * 7919L;
            labels[i] = Labels.fromMap(labelMaps.get(i));
        }
        Captured got = decode(WalRecords.encodeSeries(refs, labels, n, null));

        assertThat(got.refs).containsExactly(refs);
        assertThat(got.labels).containsExactly(labels);
    }

    @Test
    void tombstonesRoundTripAtTheExtremes() throws Exception {
        long[] refs = {0, Long.MAX_VALUE, Long.MIN_VALUE, 42};
        long[] min = {Long.MIN_VALUE, 0, -5, 100};
        long[] max = {Long.MAX_VALUE, 0, Long.MAX_VALUE, 200};

        Captured got = decode(WalRecords.encodeTombstones(refs, min, max, 4, null));

        assertThat(got.refs).containsExactly(refs);
        assertThat(got.timestamps).containsExactly(min);
        assertThat(got.maxTimes).containsExactly(max);
    }

    @Test
    void metadataRoundTripsEveryTypeAndUnicode() throws Exception {
        MetricType[] types = MetricType.values();
        String[] families = new String[types.length];
        MetricMetadata[] metadata = new MetricMetadata[types.length];
        for (int i = 0; i < types.length; i++) {
            families[i] = "family_" + i + "_süß";
            metadata[i] = new MetricMetadata(types[i], i == 0 ? "" : "help ✓ " + i, i % 2 == 0 ? "" : "seconds");
        }
        Captured got = decode(WalRecords.encodeMetadata(families, metadata, types.length, null));

        assertThat(got.families).containsExactly(families);
        assertThat(got.metadata).containsExactly(metadata);
    }

    @Test
    void staleMarkerKeepsItsExactBits() throws Exception {
        Captured got = decode(WalRecords.encodeSamples(new long[] {1, 2}, new long[] {10, 20},
                new double[] {STALE_MARKER, Double.NaN}, 2, null));

        assertThat(got.valueBits).containsExactly(0x7ff0000000000002L, Double.doubleToRawLongBits(Double.NaN));
    }

    @Test
    void emptyRecordsOfEachTypeDecodeToNothing() throws Exception {
        assertThat(decode(WalRecords.encodeSamples(new long[0], new long[0], new double[0], 0, null)).refs).isEmpty();
        assertThat(decode(WalRecords.encodeSeries(new long[0], new Labels[0], 0, null)).labels).isEmpty();
        assertThat(decode(WalRecords.encodeTombstones(new long[0], new long[0], new long[0], 0, null)).refs).isEmpty();
        assertThat(decode(WalRecords.encodeMetadata(new String[0], new MetricMetadata[0], 0, null)).families).isEmpty();
    }

    @Test
    void encodesIntoTheGivenBufferWhenItIsLargeEnough() {
        ByteBuffer reuse = ByteBuffer.allocate(1 << 16);
        ByteBuffer first = WalRecords.encodeSamples(new long[] {1}, new long[] {2}, new double[] {3}, 1, reuse);
        ByteBuffer tooSmall = ByteBuffer.allocate(4);
        ByteBuffer grown = WalRecords.encodeSamples(new long[] {1}, new long[] {2}, new double[] {3}, 1, tooSmall);

        assertThat(first).isSameAs(reuse);
        assertThat(first.position()).isZero();
        assertThat(grown).isNotSameAs(tooSmall);
        assertThat(grown.limit()).isEqualTo(first.limit());
    }

    @Test
    void samplesCostAboutElevenBytesEachForATypicalBatch() {
        int n = 10_000;
        long[] refs = new long[n];
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            refs[i] = 1000 + i;
            ts[i] = 1_700_000_000_000L + i % 15;
            values[i] = i;
        }
        ByteBuffer record = WalRecords.encodeSamples(refs, ts, values, n, null);

        // 2-byte ref delta, 1-byte timestamp delta, 8-byte double
        assertThat(record.limit()).isLessThan(n * 12);
    }

    @Test
    void rejectsACountLargerThanTheArrays() {
        assertThatThrownBy(() -> WalRecords.encodeSamples(new long[1], new long[1], new double[1], 2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count 2");
    }

    @Test
    void rejectsAnUnknownRecordTypeNamingIt() {
        ByteBuffer record = ByteBuffer.wrap(new byte[] {9, 0});

        assertThatThrownBy(() -> new WalRecordDecoder().decode(record, new WalTestSupport.Recorder()))
                .isInstanceOf(MalformedWalRecordException.class)
                .hasMessageContaining("unknown record type 9");
    }

    @Test
    void rejectsBytesAfterTheLastEntry() {
        ByteBuffer valid = WalRecords.encodeTombstones(new long[] {1}, new long[] {2}, new long[] {3}, 1, null);
        ByteBuffer longer = ByteBuffer.allocate(valid.limit() + 1).put(valid).put((byte) 0).flip();

        assertThatThrownBy(() -> new WalRecordDecoder().decode(longer, new WalTestSupport.Recorder()))
                .isInstanceOf(MalformedWalRecordException.class)
                .hasMessageContaining("1 unexpected bytes");
    }

    @Test
    void rejectsLabelBytesThatLabelsCouldNotRead() {
        // one series, ref 5, 3 label bytes: a name of length 1 ("a") without a value
        ByteBuffer record = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        record.put(WalRecords.SERIES).put((byte) 1).putLong(5).put((byte) 0).put((byte) 2).put((byte) 1).put((byte) 'a');
        record.flip();

        assertThatThrownBy(() -> new WalRecordDecoder().decode(record, new WalTestSupport.Recorder()))
                .isInstanceOf(MalformedWalRecordException.class)
                .hasMessageContaining("name without a value");
    }

    @Test
    void rejectsACountTheRecordCannotHoldBeforeAllocating() {
        // samples record claiming 2^31 entries in 20 bytes
        ByteBuffer record = ByteBuffer.wrap(new byte[] {WalRecords.SAMPLES, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThatThrownBy(() -> new WalRecordDecoder().decode(record, new WalTestSupport.Recorder()))
                .isInstanceOf(MalformedWalRecordException.class)
                .hasMessageContaining("entry count 2147483648");
    }

    @Property(tries = 300)
    void decodingArbitraryBytesNeverThrowsAnythingButMalformed(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            new WalRecordDecoder().decode(ByteBuffer.wrap(bytes), new WalTestSupport.Recorder());
        } catch (MalformedWalRecordException expected) {
            // fine: damage reported as such
        }
    }

    @Property(tries = 300)
    void decodingMutatedRecordsNeverThrowsAnythingButMalformed(@ForAll long seed) {
        Random random = new Random(seed);
        ByteBuffer valid = switch (random.nextInt(4)) {
            case 0 -> WalTestSupport.numbered(random.nextLong(), 1 + random.nextInt(20));
            case 1 -> WalRecords.encodeSeries(new long[] {random.nextLong(), 3},
                    new Labels[] {Labels.of("__name__", "up", "job", "node"), Labels.of("a", "b")}, 2, null);
            case 2 -> WalRecords.encodeTombstones(new long[] {1, 2}, new long[] {3, 4}, new long[] {5, 6}, 2, null);
            default -> WalRecords.encodeMetadata(new String[] {"up"},
                    new MetricMetadata[] {new MetricMetadata(MetricType.GAUGE, "help", "s")}, 1, null);
        };
        byte[] bytes = new byte[valid.limit()];
        valid.get(0, bytes);
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        int length = random.nextBoolean() ? bytes.length : random.nextInt(bytes.length + 1);
        try {
            new WalRecordDecoder().decode(ByteBuffer.wrap(bytes, 0, length), new WalTestSupport.Recorder());
        } catch (MalformedWalRecordException expected) {
            // fine
        }
    }

    @Property(tries = 200)
    void frameHeaderChecksumEqualsJdkCrc32cOfItsBytes(@ForAll int length, @ForAll int payloadCrc) {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(length).putInt(payloadCrc);
        CRC32C jdk = new CRC32C();
        jdk.update(bytes.array());

        assertThat(WalFormat.headerCrc(length, payloadCrc)).isEqualTo((int) jdk.getValue());
    }

    @Test
    void metricTypeCodesAreDistinctAndRoundTrip() {
        Set<Byte> codes = new HashSet<>();
        for (MetricType type : MetricType.values()) {
            byte code = WalRecords.metricTypeCode(type);
            assertThat(codes.add(code)).as("code of %s is unique", type).isTrue();
            assertThat(WalRecords.metricTypeOf(code)).isEqualTo(type);
        }
        assertThat(WalRecords.metricTypeOf((byte) 99)).isNull();
    }

    private static long[] bits(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.doubleToRawLongBits(values[i]);
        }
        return out;
    }

    private static Captured decode(ByteBuffer record) throws MalformedWalRecordException {
        Captured captured = new Captured();
        new WalRecordDecoder().decode(record, captured);
        return captured;
    }

    /** Copies what the decoder hands over, since its arrays are reused. */
    private static final class Captured implements WalRecordVisitor {
        long[] refs = new long[0];
        long[] timestamps = new long[0];
        long[] maxTimes = new long[0];
        long[] valueBits = new long[0];
        Labels[] labels = new Labels[0];
        final List<String> families = new ArrayList<>();
        final List<MetricMetadata> metadata = new ArrayList<>();

        @Override
        public void series(long[] refs, Labels[] labels, int count) {
            this.refs = java.util.Arrays.copyOf(refs, count);
            this.labels = java.util.Arrays.copyOf(labels, count);
        }

        @Override
        public void samples(long[] refs, long[] timestamps, double[] values, int count) {
            this.refs = java.util.Arrays.copyOf(refs, count);
            this.timestamps = java.util.Arrays.copyOf(timestamps, count);
            this.valueBits = bits(java.util.Arrays.copyOf(values, count));
        }

        @Override
        public void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count) {
            this.refs = java.util.Arrays.copyOf(refs, count);
            this.timestamps = java.util.Arrays.copyOf(minTimes, count);
            this.maxTimes = java.util.Arrays.copyOf(maxTimes, count);
        }

        @Override
        public void metadata(String metricFamily, MetricMetadata metadata) {
            families.add(metricFamily);
            this.metadata.add(metadata);
        }
    }
}
