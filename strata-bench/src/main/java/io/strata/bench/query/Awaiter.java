package io.strata.bench.query;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Polls every target until it meets every {@link AwaitCondition}, so measuring starts only when
 * all of them hold the same data. A receiver may acknowledge a write before the data is
 * searchable (VictoriaMetrics buffers rows for about a second), and a query over half-loaded data
 * would be both fast and wrong.
 */
final class Awaiter {
    /** Long enough not to load a server that is busy ingesting, short enough not to waste a run's time. */
    private static final long POLL_MILLIS = 1_000;

    private final QueryClient client;
    private final QueryWindow window;
    private final PrintStream err;

    Awaiter(QueryClient client, QueryWindow window, PrintStream err) {
        this.client = client;
        this.window = window;
        this.err = err;
    }

    /**
     * Waits until {@code target} meets every condition or {@code deadlineNanos} (a {@link System#nanoTime()}
     * value) passes, evaluating each condition as an instant query at the window's time.
     *
     * @return {@code null} when every condition is met, else what the last answer said
     */
    String await(Target target, List<AwaitCondition> conditions, long deadlineNanos) throws InterruptedException {
        for (AwaitCondition c : conditions) {
            String last;
            boolean first = true;
            while (true) {
                Poll poll = poll(target, c);
                if (poll.met()) {
                    break;
                }
                last = poll.detail();
                if (poll.hopeless()) {
                    return c + " cannot be met: " + last;
                }
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return c + " not met in time: " + last;
                }
                if (first) {
                    err.printf(Locale.ROOT, "waiting for %s: %s (%s)%n", target.name(), c, last);
                    first = false;
                }
                Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, (deadlineNanos - System.nanoTime()) / 1_000_000)));
            }
            err.printf(Locale.ROOT, "%s: %s holds%n", target.name(), c);
        }
        return null;
    }

    /**
     * One look at the condition: met, or what the target answered instead and whether waiting can
     * help. A 400 or 422 says the query itself fails (bad syntax, or an execution error such as
     * Prometheus 2.x's duplicate label sets) and will fail the same way later.
     */
    private record Poll(boolean met, String detail, boolean hopeless) {
        static final Poll MET = new Poll(true, null, false);

        static Poll notYet(String detail) {
            return new Poll(false, detail, false);
        }
    }

    private Poll poll(Target target, AwaitCondition c) throws InterruptedException {
        QueryAnswer a;
        try {
            a = client.get(target.uri(QueryKind.INSTANT, window.params(QueryKind.INSTANT, c.expr()))).answer();
        } catch (IOException e) {
            return Poll.notYet("no answer: " + e);
        }
        // A scalar answer is as good as a one-sample vector here; problem() insists on a vector.
        if (!"scalar".equals(a.resultType()) || a.httpStatus() != 200 || !"success".equals(a.status())) {
            var problem = a.problem(QueryKind.INSTANT);
            if (problem.isPresent()) {
                return new Poll(false, problem.get(), a.httpStatus() == 400 || a.httpStatus() == 422);
            }
        }
        if (a.series() != 1) {
            return Poll.notYet(a.series() + " series where one sample was expected");
        }
        return c.isMetBy(a.firstValue()) ? Poll.MET : Poll.notYet("value " + a.firstValue());
    }
}
