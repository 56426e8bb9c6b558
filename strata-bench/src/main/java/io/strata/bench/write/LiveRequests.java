package io.strata.bench.write;

import java.time.InstantSource;

/**
 * Live mode: at every interval boundary, the current sample of every series of the shard,
 * stamped with the boundary's time. When sending a tick takes longer than the interval, the next
 * tick starts at once (and is counted late) so the run catches up instead of skipping samples.
 */
final class LiveRequests implements RequestSource {
    private final BatchPlan plan;
    private final BatchEncoder encoder;
    private final InstantSource clock;
    private final long firstTick;
    private final long intervalMillis;
    private final WriteStats stats;
    private long next;
    private long currentStep = -1;

    /** {@code plan} must have one step per request: build it with a batch size of at most the shard size. */
    LiveRequests(BatchPlan plan, BatchEncoder encoder, InstantSource clock, long firstTick, long intervalMillis, WriteStats stats) {
        if (plan.stepsPerRequest() != 1) {
            throw new IllegalArgumentException("BUG: live plans send one timestamp per request, got " + plan.stepsPerRequest());
        }
        this.plan = plan;
        this.encoder = encoder;
        this.clock = clock;
        this.firstTick = firstTick;
        this.intervalMillis = intervalMillis;
        this.stats = stats;
    }

    @Override
    public EncodedRequest next() throws InterruptedException {
        if (next >= plan.requests()) {
            return null;
        }
        BatchPlan.Batch batch = plan.batch(next++);
        if (batch.stepFrom() != currentStep) {
            currentStep = batch.stepFrom();
            long due = firstTick + currentStep * intervalMillis;
            long wait = due - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            } else if (-wait > intervalMillis) {
                stats.lateTicks.increment();
            }
        }
        return encoder.encode(batch);
    }

    @Override
    public long requests() {
        return plan.requests();
    }
}
