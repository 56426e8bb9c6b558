package io.strata.bench.write;

/** Requests encoded by the sending thread just before it sends them (backfills too big to pregenerate). */
final class StreamingRequests implements RequestSource {
    private final BatchPlan plan;
    private final BatchEncoder encoder;
    private long next;

    StreamingRequests(BatchPlan plan, BatchEncoder encoder) {
        this.plan = plan;
        this.encoder = encoder;
    }

    @Override
    public EncodedRequest next() {
        return next < plan.requests() ? encoder.encode(plan.batch(next++)) : null;
    }

    @Override
    public long requests() {
        return plan.requests();
    }
}
