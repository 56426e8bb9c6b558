package io.strata.model;

/** Constants and helpers for sample values. */
public final class SampleValues {
    /**
     * Prometheus's staleness marker: a NaN with this exact bit pattern. Storage keeps it
     * bit-exact; any other NaN is an ordinary value.
     */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

    private SampleValues() {}

    public static boolean isStaleNaN(double v) {
        return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
    }
}
