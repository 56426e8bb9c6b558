package io.strata.bench.write;

/**
 * Cuts one shard's samples (its series times the sample timestamps) into requests of about
 * {@code batchSamples} samples, in time order. When the shard has at least {@code batchSamples}
 * series, a request holds one timestamp for a slice of the series (what a receiver sees from a
 * live Prometheus); with fewer series, a request holds several consecutive timestamps for all of
 * them, so requests stay big enough to measure the receiver and not the HTTP overhead.
 *
 * <pre>
 *            steps (sample times) -&gt;
 * series   | req 0 | req 2 | req 4 |     (seriesPerRequest x stepsPerRequest per request,
 *   |      | req 1 | req 3 | req 5 |      step blocks in time order, series chunks inside)
 *   v
 * </pre>
 */
final class BatchPlan {
    /** One request's rectangle: series {@code [seriesFrom, seriesTo)} at steps {@code [stepFrom, stepTo)}. */
    record Batch(int seriesFrom, int seriesTo, long stepFrom, long stepTo) {
        int samples() {
            return (int) ((seriesTo - seriesFrom) * (stepTo - stepFrom));
        }
    }

    private final int firstSeries;
    private final int seriesCount;
    private final long steps;
    private final int seriesPerRequest;
    private final int stepsPerRequest;
    private final int chunksPerStepBlock;

    BatchPlan(int firstSeries, int seriesCount, long steps, int batchSamples) {
        this.firstSeries = firstSeries;
        this.seriesCount = seriesCount;
        this.steps = steps;
        if (seriesCount >= batchSamples) {
            this.seriesPerRequest = batchSamples;
            this.stepsPerRequest = 1;
        } else {
            this.seriesPerRequest = seriesCount;
            this.stepsPerRequest = (int) Math.max(1, Math.min(steps, batchSamples / Math.max(1, seriesCount)));
        }
        this.chunksPerStepBlock = seriesCount == 0 ? 0 : ceilDiv(seriesCount, seriesPerRequest);
    }

    long requests() {
        return (long) chunksPerStepBlock * ceilDiv(steps, stepsPerRequest);
    }

    int stepsPerRequest() {
        return stepsPerRequest;
    }

    Batch batch(long index) {
        if (index < 0 || index >= requests()) {
            throw new IndexOutOfBoundsException("batch " + index + " outside [0, " + requests() + ")");
        }
        long block = index / chunksPerStepBlock;
        int chunk = (int) (index % chunksPerStepBlock);
        int from = firstSeries + chunk * seriesPerRequest;
        int to = Math.min(firstSeries + seriesCount, from + seriesPerRequest);
        long stepFrom = block * stepsPerRequest;
        return new Batch(from, to, stepFrom, Math.min(steps, stepFrom + stepsPerRequest));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
