package io.strata.testing.promql;

/**
 * The verdict on one eval.
 *
 * @param failure why it failed, or {@code null}
 * @param skip the skip-list entry that made it skipped, or {@code null}
 */
public record EvalReport(String file, int line, String expr, Status status, EvalFailure failure, SkipList.Entry skip) {
    public enum Status { PASSED, FAILED, SKIPPED }

    static EvalReport passed(String file, EvalCommand cmd) {
        return new EvalReport(file, cmd.line(), cmd.expr(), Status.PASSED, null, null);
    }

    static EvalReport failed(String file, EvalCommand cmd, EvalFailure failure) {
        return new EvalReport(file, cmd.line(), cmd.expr(), Status.FAILED, failure, null);
    }

    static EvalReport skipped(String file, EvalCommand cmd, SkipList.Entry skip) {
        return new EvalReport(file, cmd.line(), cmd.expr(), Status.SKIPPED, null, skip);
    }
}
