package io.strata.ingest.remotewrite;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MetricMetadata;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import java.util.Arrays;

/**
 * The half of remote-write ingestion that does not depend on the wire version: the decoders put
 * a series' labels into {@link #rawLabels()} (or hand over a {@link LabelSource} that does so on
 * demand), fill the {@link #seriesKey()} when there is one, call {@link #beginSeries} to validate
 * and build the labels, then {@link #append} each sample. Every rejection is counted in the
 * {@link WriteReport} with a message naming the series, the value and the limit; nothing is
 * thrown per sample.
 *
 * <p>With a {@link SeriesCache}, a series whose key is cached skips validation, building and the
 * storage's label lookup: its samples go to {@link Appender#appendByRef}, and the labels are
 * built only if a message needs them. When the storage no longer knows the ref, the series takes
 * the full path from that sample on and the cache gets the new ref. Only series whose labels were
 * valid and that had a sample accepted enter the cache; the limits that decide validity are fixed
 * for the cache's lifetime (one per handler), so a cached key stays valid.
 *
 * <p>One instance per request; not thread-safe.
 */
final class SeriesWriter {
    private final Appender appender;
    private final IngestLimits limits;
    private final long maxTimestamp;
    private final WriteReport report;
    private final RawLabels raw = new RawLabels();
    private final LabelsBuilder builder = new LabelsBuilder();

    /** Null when there is no cache. */
    private final SeriesCache cache;
    private final SeriesKey key;

    /** Fills {@link #raw} on demand; null when the decoder filled it before {@link #beginSeries}. */
    private LabelSource labelSource;
    private boolean rawLoaded;
    private SymbolTable symbols;
    /** Built labels of the current series; null after a rejected series or before they are needed. */
    private Labels labels;
    private long ref;
    /** The current series came from the cache: its labels were neither validated nor built. */
    private boolean cached;
    /** The current series was rejected after {@link #beginSeries} accepted it (a cache fallback). */
    private boolean rejected;
    /** The current series should enter the cache with the ref of its first accepted sample. */
    private boolean putPending;
    private long keyHigh;
    private long keyLow;
    /** Samples plus histograms of the current series, and how many samples were handled. */
    private int seriesSamples;
    private int handled;

    /** Loads the labels of the current series into {@link RawLabels} when they are needed. */
    interface LabelSource {
        /** Adds the current series' label slices to {@code raw}, which was cleared. */
        void loadLabels(RawLabels raw);
    }

    /**
     * @param maxTimestamp the newest timestamp accepted: the server's clock plus the allowed skew
     * @param cache refs by series key shared across requests, or null for none
     */
    SeriesWriter(Appender appender, IngestLimits limits, long maxTimestamp, WriteReport report, SeriesCache cache) {
        this.appender = appender;
        this.limits = limits;
        this.maxTimestamp = maxTimestamp;
        this.report = report;
        this.cache = cache;
        this.key = cache == null ? null : cache.newKey();
    }

    /**
     * The key the decoder must compute for every series before {@link #beginSeries}, or null when
     * there is no cache (and nothing to compute).
     */
    SeriesKey seriesKey() {
        return key;
    }

    RawLabels rawLabels() {
        return raw;
    }

    WriteReport report() {
        return report;
    }

    /**
     * Validates the labels in {@link #rawLabels()} and, when valid, builds them for the samples
     * that follow. Invalid labels reject the whole series: {@code samples} (samples plus
     * histograms, counted as at least one) under the reason found.
     *
     * @param symbols the request's symbol table when the labels are 2.0 symbol references, else null
     * @param source loads the raw labels when they are needed, or null when they are loaded already
     * @return true when the series' samples should be appended
     */
    boolean beginSeries(int samples, SymbolTable symbols, LabelSource source) {
        this.labels = null;
        this.ref = 0;
        this.symbols = symbols;
        this.labelSource = source;
        this.rawLoaded = source == null;
        this.cached = false;
        this.rejected = false;
        this.putPending = false;
        this.seriesSamples = samples;
        this.handled = 0;
        if (key != null) {
            keyHigh = key.high();
            keyLow = key.low();
            long known = cache.get(keyHigh, keyLow);
            if (known != 0) {
                ref = known;
                cached = true;
                return true;
            }
            putPending = true;
        }
        return validateAndBuild(samples);
    }

    private boolean validateAndBuild(int samples) {
        loadRaw();
        if (validate(samples, symbols) != null) {
            labels = null;
            return false;
        }
        labels = build();
        return true;
    }

    private void loadRaw() {
        if (!rawLoaded) {
            raw.clear(raw.source());
            labelSource.loadLabels(raw);
            rawLoaded = true;
        }
    }

    /** Rejects the current series for a reason the decoder found (2.0 symbol references). */
    void rejectSeries(RejectionReason reason, int samples, String message) {
        labels = null;
        cached = false;
        report.reject(reason, Math.max(1, samples), message);
    }

    private RejectionReason validate(int samples, SymbolTable symbols) {
        long count = Math.max(1, samples);
        int n = raw.size();
        if (n > limits.maxLabelsPerSeries()) {
            return reject(RejectionReason.TOO_MANY_LABELS, count, () -> "series has too many labels [series="
                    + raw.describe() + ", labels=" + n + ", limit=" + limits.maxLabelsPerSeries()
                    + "]; drop labels with relabeling or raise ingest.maxLabelsPerSeries");
        }
        for (int i = 0; i < n; i++) {
            int at = i;
            if (raw.nameLength(i) == 0) {
                return reject(RejectionReason.EMPTY_LABEL_NAME, count, () -> "empty label name [series="
                        + raw.describe() + ", value=" + quoted(raw.value(at))
                        + "]; every label needs a name");
            }
            if (raw.nameLength(i) > limits.maxLabelNameLength()) {
                return reject(RejectionReason.LABEL_TOO_LONG, count, () -> "label name too long [series="
                        + raw.describe() + ", name=" + raw.name(at) + ", length=" + raw.nameLength(at)
                        + " bytes, limit=" + limits.maxLabelNameLength()
                        + "]; shorten it or raise ingest.maxLabelNameLength");
            }
            if (raw.valueLength(i) > limits.maxLabelValueLength()) {
                return reject(RejectionReason.LABEL_TOO_LONG, count, () -> "label value too long [series="
                        + raw.describe() + ", name=" + raw.name(at) + ", length=" + raw.valueLength(at)
                        + " bytes, limit=" + limits.maxLabelValueLength()
                        + "]; shorten it or raise ingest.maxLabelValueLength");
            }
            boolean nameValid = symbols == null ? raw.isValidUtf8Name(i) : symbols.isValidUtf8(raw.nameRef(i));
            boolean valueValid = symbols == null ? raw.isValidUtf8Value(i) : symbols.isValidUtf8(raw.valueRef(i));
            if (!nameValid || !valueValid) {
                String part = nameValid ? "value of label " + raw.name(at) : "label name " + quoted(raw.name(at));
                return reject(RejectionReason.INVALID_UTF8, count, () -> part + " is not valid UTF-8 [series="
                        + raw.describe() + "] (invalid bytes shown as U+FFFD); labels must be UTF-8");
            }
        }
        int outOfOrder = raw.firstOutOfOrder();
        if (outOfOrder >= 0) {
            int duplicate = raw.compareNames(outOfOrder - 1, outOfOrder) == 0 ? outOfOrder : raw.firstDuplicateName();
            if (duplicate >= 0) {
                return reject(RejectionReason.DUPLICATE_LABEL_NAME, count, () -> "duplicate label name [series="
                        + raw.describe() + ", name=" + raw.name(duplicate)
                        + "]; a series has at most one value per label name");
            }
            if (!limits.sortUnsortedLabels()) {
                return reject(RejectionReason.UNSORTED_LABELS, count, () -> "labels not sorted by name [series="
                        + raw.describe() + ", " + quoted(raw.name(outOfOrder)) + " after "
                        + quoted(raw.name(outOfOrder - 1))
                        + "]; remote write requires labels sorted by name, byte-wise");
            }
        }
        if (!raw.hasMetricName()) {
            return reject(RejectionReason.MISSING_METRIC_NAME, count, () -> "series has no metric name [series="
                    + raw.describe() + "]; every series needs a non-empty __name__ label");
        }
        return null;
    }

    private RejectionReason reject(RejectionReason reason, long count, MessageSupplier message) {
        report.reject(reason, count);
        if (report.wantsExample(reason)) {
            report.example(reason, message.get());
        }
        return reason;
    }

    @FunctionalInterface
    private interface MessageSupplier {
        String get();
    }

    /**
     * Builds the validated labels. Labels that arrived sorted, the normal case, are packed straight
     * from the request into {@link Labels}' documented layout: one array per series, no copy per
     * label. Only unsorted labels, accepted when {@link IngestLimits#sortUnsortedLabels()} is set,
     * go through {@link LabelsBuilder}, which sorts.
     */
    private Labels build() {
        byte[] source = raw.source();
        int n = raw.size();
        if (raw.firstOutOfOrder() >= 0) {
            builder.reset();
            for (int i = 0; i < n; i++) {
                int nameOff = raw.nameOffset(i);
                int valueOff = raw.valueOffset(i);
                builder.addUtf8(
                        Arrays.copyOfRange(source, nameOff, nameOff + raw.nameLength(i)),
                        Arrays.copyOfRange(source, valueOff, valueOff + raw.valueLength(i)));
            }
            return builder.build();
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (raw.valueLength(i) > 0) {
                size += varintSize(raw.nameLength(i)) + raw.nameLength(i) + varintSize(raw.valueLength(i))
                        + raw.valueLength(i);
            }
        }
        byte[] packed = new byte[size];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (raw.valueLength(i) == 0) {
                continue; // an empty value means the label is absent, as in Prometheus
            }
            at = putString(packed, at, source, raw.nameOffset(i), raw.nameLength(i));
            at = putString(packed, at, source, raw.valueOffset(i), raw.valueLength(i));
        }
        return Labels.wrapPackedUnchecked(packed);
    }

    private static int varintSize(int v) {
        return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
    }

    /** Writes a length-prefixed string, the layout {@link Labels} documents. */
    private static int putString(byte[] dst, int at, byte[] src, int offset, int length) {
        int v = length;
        while ((v & ~0x7f) != 0) {
            dst[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[at++] = (byte) v;
        System.arraycopy(src, offset, dst, at, length);
        return at + length;
    }

    /** The labels of the current, valid series (built now if it came from the cache); null after a rejected one. */
    Labels labels() {
        if (labels == null && cached) {
            loadRaw();
            labels = build();
        }
        return labels;
    }

    /** Appends one float sample of the current series, which must have passed {@link #beginSeries}. */
    void append(long timestamp, double value) {
        if (rejected) {
            return;
        }
        handled++;
        if (timestamp > maxTimestamp) {
            if (report.wantsExample(RejectionReason.TOO_FAR_IN_FUTURE)) {
                report.example(RejectionReason.TOO_FAR_IN_FUTURE, "sample too far in the future [series="
                        + labels() + ", ts=" + Describe.timestamp(timestamp) + ", maxValidTs="
                        + Describe.timestamp(maxTimestamp) + ", allowed skew=" + limits.maxFutureSkew()
                        + "]; check the sender's clock");
            }
            report.reject(RejectionReason.TOO_FAR_IN_FUTURE, 1);
            return;
        }
        AppendStatus status;
        if (cached) {
            status = appender.appendByRef(ref, timestamp, value);
            if (status == AppendStatus.UNKNOWN_SERIES) {
                status = fallBackToLabels(timestamp, value);
                if (status == null) {
                    return;
                }
            }
        } else {
            status = appender.append(ref, labels, timestamp, value);
        }
        switch (status) {
            case OK -> {
                if (!cached) {
                    ref = appender.lastRef();
                    if (putPending && ref != 0) {
                        cache.put(keyHigh, keyLow, ref);
                        putPending = false;
                    }
                }
                report.sampleWritten();
            }
            case OUT_OF_ORDER -> rejectSample(RejectionReason.OUT_OF_ORDER, timestamp, value,
                    "sample out of order", "it is older than the newest sample of the series by more than the"
                            + " out-of-order window; send samples in time order or raise storage.outOfOrderWindow");
            case DUPLICATE -> rejectSample(RejectionReason.DUPLICATE_SAMPLE, timestamp, value,
                    "duplicate sample for timestamp", "a different value is already stored at this timestamp;"
                            + " stored samples are never overwritten");
            case TOO_OLD -> rejectSample(RejectionReason.TOO_OLD, timestamp, value,
                    "sample too old", "it is older than the retention period and would be deleted at once;"
                            + " raise the retention of the namespace to keep it");
            case TOO_FAR_IN_FUTURE -> rejectSample(RejectionReason.TOO_FAR_IN_FUTURE, timestamp, value,
                    "sample too far in the future", "the storage refuses timestamps this far ahead;"
                            + " check the sender's clock");
            case SERIES_LIMIT -> rejectSample(RejectionReason.SERIES_LIMIT, timestamp, value,
                    "series limit reached", "the storage cannot create more series; reduce cardinality"
                            + " or raise the series limit");
            case UNKNOWN_SERIES -> throw new IllegalStateException("BUG: " + status + " from an append with labels");
        }
    }

    /**
     * The cached ref is unknown to the storage (series removed, store restarted): validates and
     * builds the labels as for a new series and appends with them. Validation can fail only if two
     * series shared a 128-bit key; the rest of the series is then rejected like any invalid one.
     *
     * @return the status of the append with labels, or null when the series was rejected
     */
    private AppendStatus fallBackToLabels(long timestamp, double value) {
        cached = false;
        ref = 0;
        putPending = true;
        if (!validateAndBuild(seriesSamples - handled + 1)) {
            rejected = true;
            return null;
        }
        return appender.append(0, labels, timestamp, value);
    }

    private void rejectSample(RejectionReason reason, long timestamp, double value, String what, String why) {
        report.reject(reason, 1);
        if (report.wantsExample(reason)) {
            report.example(reason, what + " [series=" + labels() + ", ts=" + Describe.timestamp(timestamp)
                    + ", value=" + value + "]: " + why);
        }
    }

    /**
     * Refuses the native histogram samples of the current series: the storage holds floats only
     * for now. The series' float samples are unaffected.
     */
    void rejectHistograms(int count, long firstTimestamp) {
        if (rejected) {
            return;
        }
        report.reject(RejectionReason.NATIVE_HISTOGRAM_UNSUPPORTED, count);
        if (report.wantsExample(RejectionReason.NATIVE_HISTOGRAM_UNSUPPORTED)) {
            report.example(RejectionReason.NATIVE_HISTOGRAM_UNSUPPORTED,
                    "native histogram samples are not supported yet [series=" + labels() + ", ts="
                            + Describe.timestamp(firstTimestamp) + "]: Strata stores float samples only;"
                            + " float samples in this request were stored; send classic histograms"
                            + " (the _bucket, _sum and _count series) until native histograms are supported");
        }
    }

    /** Counts exemplars of the current series, which are not stored (no exemplar storage yet). */
    void ignoreExemplars(int count) {
        if (count > 0) {
            report.exemplarsIgnored(count);
        }
    }

    /** Hands metadata of a metric family to storage. */
    void updateMetadata(String family, MetricMetadata metadata) {
        appender.updateMetadata(family, metadata);
        report.metadataUpdated();
    }

    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder();
        Describe.quoted(s, sb);
        return sb.toString();
    }
}
