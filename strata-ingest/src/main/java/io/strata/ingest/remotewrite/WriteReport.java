package io.strata.ingest.remotewrite;

/**
 * What one request stored and refused: counts per reason and the first example of each, kept
 * until the response is written. Examples are built only for the first rejection of a reason,
 * so a request with a million out-of-order samples formats one message. Not thread-safe.
 */
final class WriteReport {
    private static final RejectionReason[] REASONS = RejectionReason.values();

    private final long[] counts = new long[REASONS.length];
    private final String[] examples = new String[REASONS.length];
    private long samplesWritten;
    private long exemplarsIgnored;
    private long metadataUpdates;

    void reject(RejectionReason reason, long count) {
        counts[reason.ordinal()] += count;
    }

    /** True until an example for {@code reason} was recorded: build the message only then. */
    boolean wantsExample(RejectionReason reason) {
        return examples[reason.ordinal()] == null;
    }

    void example(RejectionReason reason, String message) {
        if (examples[reason.ordinal()] == null) {
            examples[reason.ordinal()] = message;
        }
    }

    /** Counts {@code count} rejections and records {@code message} if it is the first example. */
    void reject(RejectionReason reason, long count, String message) {
        reject(reason, count);
        example(reason, message);
    }

    void sampleWritten() {
        samplesWritten++;
    }

    void exemplarsIgnored(long count) {
        exemplarsIgnored += count;
    }

    void metadataUpdated() {
        metadataUpdates++;
    }

    long samplesWritten() {
        return samplesWritten;
    }

    long exemplarsIgnored() {
        return exemplarsIgnored;
    }

    long metadataUpdates() {
        return metadataUpdates;
    }

    long count(RejectionReason reason) {
        return counts[reason.ordinal()];
    }

    boolean anyRejected() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 || examples[i] != null) {
                return true;
            }
        }
        return false;
    }

    long totalRejected() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Adds this request's numbers to the process-wide counters. */
    void addTo(RejectionCounters counters) {
        for (RejectionReason r : REASONS) {
            if (counts[r.ordinal()] > 0) {
                counters.recordRejected(r, counts[r.ordinal()]);
            }
        }
        counters.recordAccepted(samplesWritten);
        counters.recordExemplarsIgnored(exemplarsIgnored);
        counters.recordMetadataUpdates(metadataUpdates);
    }

    /**
     * The body of a partial-write 400: a summary line, then one line per reason with its count and
     * first example, e.g.
     *
     * <pre>
     * remote write: stored 7 samples, rejected 3 (out_of_order: 2, too_old: 1)
     * out_of_order: 2 rejected, e.g. sample out of order [series=up{job="a"}, ts=...]; ...
     * </pre>
     */
    String describe() {
        StringBuilder sb = new StringBuilder("remote write: stored ")
                .append(samplesWritten)
                .append(samplesWritten == 1 ? " sample" : " samples")
                .append(", rejected ")
                .append(totalRejected())
                .append(" (");
        boolean first = true;
        for (RejectionReason r : REASONS) {
            if (examples[r.ordinal()] == null) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(r.label()).append(": ").append(counts[r.ordinal()]);
        }
        sb.append(')');
        if (exemplarsIgnored > 0) {
            sb.append("; ").append(exemplarsIgnored).append(" exemplars ignored (not stored yet)");
        }
        sb.append('\n');
        for (RejectionReason r : REASONS) {
            if (examples[r.ordinal()] != null) {
                sb.append(r.label())
                        .append(": ")
                        .append(counts[r.ordinal()])
                        .append(" rejected, e.g. ")
                        .append(examples[r.ordinal()])
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
