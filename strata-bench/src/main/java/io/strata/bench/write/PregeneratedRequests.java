package io.strata.bench.write;

import java.util.List;

/** Requests encoded and compressed before the timed phase, so that sending measures only the receiver. */
final class PregeneratedRequests implements RequestSource {
    private final List<EncodedRequest> requests;
    private int next;

    PregeneratedRequests(List<EncodedRequest> requests) {
        this.requests = List.copyOf(requests);
    }

    /** Builds every request of {@code plan}, each with bytes of its own. */
    static PregeneratedRequests generate(BatchPlan plan, BatchEncoder encoder) {
        EncodedRequest[] all = new EncodedRequest[Math.toIntExact(plan.requests())];
        for (int i = 0; i < all.length; i++) {
            all[i] = BatchEncoder.copy(encoder.encode(plan.batch(i)));
        }
        return new PregeneratedRequests(List.of(all));
    }

    @Override
    public EncodedRequest next() {
        return next < requests.size() ? requests.get(next++) : null;
    }

    @Override
    public long requests() {
        return requests.size();
    }

    long compressedBytes() {
        long n = 0;
        for (EncodedRequest r : requests) {
            n += r.length();
        }
        return n;
    }
}
