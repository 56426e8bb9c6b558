package io.strata.promql.functions;

import io.strata.promql.parse.GoNumbers;

/** The few Go number conversions whose exact behaviour PromQL functions expose. */
final class GoStrconv {
    private GoStrconv() {
    }

    /**
     * Go's {@code strconv.ParseFloat(s, 64)} as used for the {@code le} label: decimal or
     * hexadecimal literals, {@code inf}/{@code infinity}/{@code nan} in any case (infinity with an
     * optional sign), no spaces, no Java suffixes like {@code 1d}. Text Go rejects, and finite text
     * that overflows (Go's range error), returns {@code null}.
     */
    static Double parseFloat(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        Double special = special(s);
        if (special != null) {
            return special;
        }
        if (!looksLikeGoFloat(s)) {
            return null;
        }
        String text = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
        return Double.isInfinite(v) ? null : v;
    }

    private static Double special(String s) {
        int i = 0;
        boolean negative = false;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i = 1;
        }
        String rest = s.substring(i);
        if (equalsIgnoreAsciiCase(rest, "inf") || equalsIgnoreAsciiCase(rest, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (i == 0 && equalsIgnoreAsciiCase(rest, "nan")) {
            return Double.NaN;
        }
        return null;
    }

    /**
     * The characters of a Go float literal: sign, digits, one point, exponent (e for decimal, p for
     * hex, which Go requires), and underscores only after a base prefix.
     */
    private static boolean looksLikeGoFloat(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i++;
        }
        boolean hex = n - i > 2 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X');
        if (hex) {
            i += 2;
        }
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                digits = true;
            } else if (c == '_' && hex) {
                continue;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!digits) {
            return false;
        }
        if (i == n) {
            return !hex; // a hex mantissa needs a 'p' exponent
        }
        char e = s.charAt(i);
        if (hex ? e != 'p' && e != 'P' : e != 'e' && e != 'E') {
            return false;
        }
        i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && !(c == '_' && hex)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreAsciiCase(String a, String lowerB) {
        if (a.length() != lowerB.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerB.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prometheus's {@code labels.FormatOpenMetricsFloat}: Go's shortest {@code %g}, with ".0"
     * appended when that looks like an integer, so a quantile label reads "0.0" or "1.0".
     */
    static String formatOpenMetricsFloat(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        String g = GoNumbers.formatShortestGeneral(f);
        return g.indexOf('e') >= 0 || g.indexOf('.') >= 0 ? g : g + ".0";
    }
}
