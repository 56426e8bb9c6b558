package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionTestKit;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class DateFunctionsTest {
    private static double of(String fn, double unixSeconds) {
        FunctionTestKit kit = FunctionTestKit.instant(0);
        kit.vector(kit.series(Labels.of("__name__", "t"), unixSeconds));
        StepVector out = (StepVector) kit.call(fn, StandardFunctions.table().get(fn));
        return out.series().getFirst().value(0);
    }

    /** Cases from Prometheus's functions.test. */
    @ParameterizedTest
    @CsvSource({
        "year, 1136239445, 2006", "month, 1136239445, 1", "day_of_month, 1136239445, 2",
        "day_of_year, 1136239445, 2", "day_of_week, 1136239445, 1", "hour, 1136239445, 22",
        "minute, 1136239445, 4", "year, 1230767999, 2008", "year, 1230768000, 2009",
        "month, 1456790399, 2", "day_of_month, 1456790399, 29", "month, 1456790400, 3",
        "day_of_year, 1483191420, 366", "day_of_year, 1672493820, 365", "days_in_month, 1454284800, 29",
        "days_in_month, 1485907200, 28", "day_of_week, 0, 4"})
    void matchesPrometheus(String fn, double seconds, double expected) {
        assertThat(of(fn, seconds)).isEqualTo(expected);
    }

    @Test
    void withoutArgumentItIsTheEvaluationTime() {
        FunctionTestKit kit = FunctionTestKit.range(0, 3_600_000, 3_600_000);
        StepVector out = (StepVector) kit.call("hour", StandardFunctions.table().get("hour"));
        StepSeries s = out.series().getFirst();
        assertThat(s.labels()).isEqualTo(Labels.EMPTY);
        assertThat(s.value(0)).isZero();
        assertThat(s.value(1)).isEqualTo(1);
    }

    @Test
    void fractionalAndNegativeSecondsTruncateTowardZero() {
        // -0.5 s truncates to 0 (1970-01-01 00:00), not to -1 (1969-12-31 23:59).
        assertThat(of("year", -0.5)).isEqualTo(1970);
        assertThat(of("year", -1)).isEqualTo(1969);
        assertThat(of("minute", -1)).isEqualTo(59);
    }

    @Test
    void hugeAndNaNValuesDoNotThrow() {
        assertThat(of("year", Double.NaN)).isEqualTo(1970);
        assertThat(of("year", 1e300)).isGreaterThan(2e11);
        assertThat(of("day_of_week", Double.NEGATIVE_INFINITY)).isBetween(0.0, 6.0);
    }

    @Property(tries = 300)
    void agreesWithJavaTime(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds) {
        ZonedDateTime t = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC);
        assertThat(CivilTime.field(CivilTime.Field.YEAR, seconds)).isEqualTo(t.getYear());
        assertThat(CivilTime.field(CivilTime.Field.MONTH, seconds)).isEqualTo(t.getMonthValue());
        assertThat(CivilTime.field(CivilTime.Field.DAY_OF_MONTH, seconds)).isEqualTo(t.getDayOfMonth());
        assertThat(CivilTime.field(CivilTime.Field.DAY_OF_YEAR, seconds)).isEqualTo(t.getDayOfYear());
        assertThat(CivilTime.field(CivilTime.Field.DAY_OF_WEEK, seconds)).isEqualTo(t.getDayOfWeek().getValue() % 7);
        assertThat(CivilTime.field(CivilTime.Field.DAYS_IN_MONTH, seconds)).isEqualTo(t.toLocalDate().lengthOfMonth());
        assertThat(CivilTime.field(CivilTime.Field.HOUR, seconds)).isEqualTo(t.getHour());
        assertThat(CivilTime.field(CivilTime.Field.MINUTE, seconds)).isEqualTo(t.getMinute());
    }
}
