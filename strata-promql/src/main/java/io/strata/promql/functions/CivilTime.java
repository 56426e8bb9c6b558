package io.strata.promql.functions;

/**
 * Calendar fields of a Unix time in UTC, on the proleptic Gregorian calendar (Go's {@code time}
 * package rules, no leap seconds). Pure integer arithmetic that is defined for every {@code long}
 * second and allocates nothing, so a wild input value cannot make it throw the way
 * {@code java.time} would.
 */
final class CivilTime {
    /** The calendar fields PromQL's date functions return. */
    enum Field { YEAR, MONTH, DAY_OF_MONTH, DAY_OF_YEAR, DAY_OF_WEEK, DAYS_IN_MONTH, HOUR, MINUTE }

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01 in the March-based calendar below. */
    private static final long EPOCH_SHIFT = 719_468;
    private static final int DAYS_PER_ERA = 146_097;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private CivilTime() {
    }

    /**
     * One field of the UTC date of {@code unixSeconds}: month 1-12, day of month 1-31, day of year
     * 1-366, day of week 0 (Sunday) to 6, hour 0-23, minute 0-59.
     */
    static long field(Field field, long unixSeconds) {
        long days = Math.floorDiv(unixSeconds, SECONDS_PER_DAY);
        long secondOfDay = Math.floorMod(unixSeconds, SECONDS_PER_DAY);
        switch (field) {
            case DAY_OF_WEEK -> {
                // 1970-01-01 was a Thursday.
                return Math.floorMod(days + 4, 7);
            }
            case HOUR -> {
                return secondOfDay / 3600;
            }
            case MINUTE -> {
                return secondOfDay % 3600 / 60;
            }
            default -> {
                // The date itself, computed below.
            }
        }
        // Shift the calendar to start in March, so the leap day is the last day of a year, and
        // count in 400-year eras of 146097 days, which makes every division exact.
        long z = days + EPOCH_SHIFT;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long dayOfEra = z - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfShiftedYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfShiftedYear + 2) / 153;
        long day = dayOfShiftedYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return switch (field) {
            case YEAR -> year;
            case MONTH -> month;
            case DAY_OF_MONTH -> day;
            case DAY_OF_YEAR -> DAYS_BEFORE_MONTH[month - 1] + day + (month > 2 && isLeap(year) ? 1 : 0);
            case DAYS_IN_MONTH -> switch (month) {
                case 2 -> isLeap(year) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
            case DAY_OF_WEEK, HOUR, MINUTE -> throw new IllegalStateException("BUG: time field handled above");
        };
    }

    private static boolean isLeap(long year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
