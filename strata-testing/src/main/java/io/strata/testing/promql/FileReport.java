package io.strata.testing.promql;

import java.util.List;

/**
 * The verdicts on one script file.
 *
 * @param evals one report per eval, in file order; empty when the file could not be read
 * @param unreadable why the file could not be read, or {@code null}
 * @param unreadEvals how many evals an unreadable file holds: all of them count as failed
 * @param notes things worth knowing that are not failures (a skip-list entry that now passes)
 */
public record FileReport(String file, List<EvalReport> evals, String unreadable, int unreadEvals, List<String> notes) {
    public FileReport {
        evals = List.copyOf(evals);
        notes = List.copyOf(notes);
    }

    public long count(EvalReport.Status status) {
        long n = evals.stream().filter(e -> e.status() == status).count();
        return status == EvalReport.Status.FAILED ? n + unreadEvals : n;
    }
}
