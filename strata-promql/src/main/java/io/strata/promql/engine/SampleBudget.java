package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

/**
 * Counts the samples a query holds in memory and stops it when it would exceed the limit, as
 * Prometheus's {@code --query.max-samples} does. Also remembers the peak and the total read.
 */
final class SampleBudget {
    private final long limit;
    private long current;
    private long peak;
    private long totalRead;

    SampleBudget(long limit) {
        this.limit = limit;
    }

    void acquire(long samples) {
        current += samples;
        if (current > peak) {
            peak = current;
        }
        if (limit > 0 && current > limit) {
            throw tooMany();
        }
    }

    /** Fails fast when a grid alone would take more slots than the whole budget. */
    void checkGrid(long steps) {
        if (limit > 0 && steps > limit - current) {
            throw tooMany();
        }
    }

    private StrataException tooMany() {
        return new StrataException(ErrorCode.EXECUTION,
                "query processing would load too many samples into memory in query execution (limit: "
                        + limit + " samples; raise it with --query.max-samples)");
    }

    void release(long samples) {
        current -= samples;
    }

    void countRead(long samples) {
        totalRead += samples;
    }

    long peak() {
        return peak;
    }

    long totalRead() {
        return totalRead;
    }
}
