package io.strata.testing.promql;

import java.util.List;
import java.util.Optional;

/**
 * Checks a result's warnings and infos against the eval's expectations (FORMAT.md sections 7 and
 * 9). Without any warn/info/no_warn/no_info line (or {@code eval_warn}/{@code eval_info}),
 * annotations are ignored. Each {@code warn} line needs a matching warning, and once there is one,
 * every warning needs a matching line; the same for {@code info}.
 */
final class AnnotationCheck {
    private AnnotationCheck() {
    }

    static Optional<String> check(EvalCommand cmd, List<String> warnings, List<String> infos) {
        if (cmd.suffixes().warn() && warnings.isEmpty()) {
            return Optional.of("expected warnings but got none");
        }
        if (cmd.suffixes().info() && infos.isEmpty()) {
            return Optional.of("expected info annotations but got none");
        }
        Optional<String> problem = matchAll("warn", cmd.expectations(Expectation.Type.WARN), warnings, infos);
        if (problem.isEmpty()) {
            problem = matchAll("info", cmd.expectations(Expectation.Type.INFO), infos, warnings);
        }
        if (problem.isEmpty() && !cmd.expectations(Expectation.Type.NO_WARN).isEmpty() && !warnings.isEmpty()) {
            problem = Optional.of("unexpected warning annotations: " + warnings);
        }
        if (problem.isEmpty() && !cmd.expectations(Expectation.Type.NO_INFO).isEmpty() && !infos.isEmpty()) {
            problem = Optional.of("unexpected info annotations: " + infos);
        }
        return problem;
    }

    private static Optional<String> matchAll(
            String kind, List<Expectation> expected, List<String> actual, List<String> others) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        if (actual.isEmpty()) {
            return Optional.of("expected " + kind + " annotations but none were found"
                    + (others.isEmpty() ? "" : " (other annotations: " + others + ")"));
        }
        for (Expectation e : expected) {
            if (actual.stream().noneMatch(e::matches)) {
                return Optional.of("expected " + kind + " annotation matching " + e.describe()
                        + " but none matched; found: " + actual);
            }
        }
        for (String a : actual) {
            if (expected.stream().noneMatch(e -> e.matches(a))) {
                return Optional.of("unexpected " + kind + " annotation \"" + a + "\"");
            }
        }
        return Optional.empty();
    }
}
