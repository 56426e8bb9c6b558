package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnnotationCheckTest {
    private static final String WARNING = "PromQL warning: encountered a mix of histograms and floats for aggregation (1:5)";
    private static final String INFO = "PromQL info: metric might not be a counter, name does not end in _total (1:6)";

    @Test
    void withoutExpectationsAnnotationsAreIgnored() {
        EvalCommand cmd = EvalFixture.instant("m", 0).build();
        assertThat(AnnotationCheck.check(cmd, List.of(WARNING), List.of(INFO))).isEmpty();
    }

    @Test
    void msgIsExactAndRegexIsAnUnanchoredSearch() {
        assertThat(check(EvalFixture.instant("m", 0).expectMessage(Expectation.Type.WARN, WARNING), List.of(WARNING)))
                .isEmpty();
        assertThat(check(EvalFixture.instant("m", 0).expectMessage(Expectation.Type.WARN, "encountered a mix"),
                List.of(WARNING))).isPresent();
        assertThat(check(EvalFixture.instant("m", 0).expectRegex(Expectation.Type.WARN, "mix of .* floats"),
                List.of(WARNING))).isEmpty();
        assertThat(check(EvalFixture.instant("m", 0).expectRegex(Expectation.Type.WARN, "^mix"), List.of(WARNING)))
                .isPresent();
        assertThat(check(EvalFixture.instant("m", 0).expect(Expectation.Type.WARN), List.of(WARNING))).isEmpty();
    }

    @Test
    void everyWarningMustBeExpectedOnceOneIs() {
        EvalFixture f = EvalFixture.instant("m", 0).expectRegex(Expectation.Type.WARN, "mix");
        assertThat(check(f, List.of(WARNING, "PromQL warning: something else (1:1)")))
                .hasValue("unexpected warn annotation \"PromQL warning: something else (1:1)\"");
        assertThat(check(f, List.of())).hasValue("expected warn annotations but none were found");
    }

    @Test
    void eachExpectedLineNeedsAMatch() {
        EvalFixture f = EvalFixture.instant("m", 0).expectRegex(Expectation.Type.WARN, "mix")
                .expectRegex(Expectation.Type.WARN, "absent");
        assertThat(check(f, List.of(WARNING))).hasValueSatisfying(p -> assertThat(p).contains("pattern \"absent\""));
    }

    @Test
    void noWarnAndNoInfoForbidThatKindOnly() {
        EvalCommand noWarn = EvalFixture.instant("m", 0).expect(Expectation.Type.NO_WARN).build();
        assertThat(AnnotationCheck.check(noWarn, List.of(), List.of(INFO))).isEmpty();
        assertThat(AnnotationCheck.check(noWarn, List.of(WARNING), List.of())).isPresent();
        EvalCommand noInfo = EvalFixture.instant("m", 0).expect(Expectation.Type.NO_INFO).build();
        assertThat(AnnotationCheck.check(noInfo, List.of(WARNING), List.of())).isEmpty();
        assertThat(AnnotationCheck.check(noInfo, List.of(), List.of(INFO))).isPresent();
    }

    @Test
    void infoExpectationsLookAtInfosOnly() {
        EvalCommand cmd = EvalFixture.instant("m", 0).expectRegex(Expectation.Type.INFO, "counter").build();
        assertThat(AnnotationCheck.check(cmd, List.of(), List.of(INFO))).isEmpty();
        assertThat(AnnotationCheck.check(cmd, List.of(INFO), List.of())).isPresent();
    }

    @Test
    void deprecatedSuffixesNeedAtLeastOneAnnotation() {
        EvalCommand warn = EvalFixture.instant("m", 0).suffixes(new EvalCommand.Suffixes(false, true, false, false))
                .build();
        assertThat(AnnotationCheck.check(warn, List.of(), List.of())).hasValue("expected warnings but got none");
        assertThat(AnnotationCheck.check(warn, List.of(WARNING), List.of())).isEmpty();
        EvalCommand info = EvalFixture.instant("m", 0).suffixes(new EvalCommand.Suffixes(false, false, true, false))
                .build();
        assertThat(AnnotationCheck.check(info, List.of(WARNING), List.of())).isPresent();
    }

    private static Optional<String> check(EvalFixture f, List<String> warnings) {
        return AnnotationCheck.check(f.build(), warnings, List.of());
    }
}
