package io.strata.ingest.remotewrite;

import java.util.Locale;

/**
 * Why remote-write data was not stored. {@link Scope#REQUEST} reasons refuse a whole request
 * before anything is decoded, and are counted per request; {@link Scope#SERIES} and
 * {@link Scope#SAMPLE} reasons refuse part of a request while the rest is stored, and are counted
 * per sample (a series rejected for its labels counts its samples and histograms, at least one).
 */
public enum RejectionReason {
    /** Content-Type or Content-Encoding is not one remote write defines (415). */
    UNSUPPORTED_CONTENT_TYPE(Scope.REQUEST),
    /** The body, or what it decompresses to, exceeds the configured limit (413). */
    BODY_TOO_LARGE(Scope.REQUEST),
    /** The body is not snappy block-format data. */
    MALFORMED_SNAPPY(Scope.REQUEST),
    /** The decompressed body is not the protobuf message the content type names. */
    MALFORMED_PROTOBUF(Scope.REQUEST),
    /** A 2.0 symbol table that does not start with the empty string. */
    INVALID_SYMBOL_TABLE(Scope.REQUEST),

    /** A 2.0 series refers to a symbol that does not exist, or has an odd number of label refs. */
    INVALID_SYMBOL_REF(Scope.SERIES),
    EMPTY_LABEL_NAME(Scope.SERIES),
    DUPLICATE_LABEL_NAME(Scope.SERIES),
    UNSORTED_LABELS(Scope.SERIES),
    INVALID_UTF8(Scope.SERIES),
    TOO_MANY_LABELS(Scope.SERIES),
    /** A label name or value longer than the configured limit. */
    LABEL_TOO_LONG(Scope.SERIES),
    /** No {@code __name__} label, or an empty one. */
    MISSING_METRIC_NAME(Scope.SERIES),
    /** The storage refused to create the series (a series limit). */
    SERIES_LIMIT(Scope.SERIES),

    TOO_FAR_IN_FUTURE(Scope.SAMPLE),
    /** Older than the retention period. */
    TOO_OLD(Scope.SAMPLE),
    /** Older than the newest sample of its series by more than the out-of-order window. */
    OUT_OF_ORDER(Scope.SAMPLE),
    /** Same timestamp as a stored sample, different value. */
    DUPLICATE_SAMPLE(Scope.SAMPLE),
    /** Native histogram samples, which the storage cannot hold yet. */
    NATIVE_HISTOGRAM_UNSUPPORTED(Scope.SAMPLE);

    /** What a count of this reason counts. */
    public enum Scope {
        REQUEST,
        SERIES,
        SAMPLE
    }

    private final Scope scope;
    private final String label;

    RejectionReason(Scope scope) {
        this.scope = scope;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    public Scope scope() {
        return scope;
    }

    /** Lower-case name for metric labels and response bodies, e.g. {@code out_of_order}. */
    public String label() {
        return label;
    }
}
