package io.strata.aggregator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The regex a glob becomes agrees with a direct, backtracking reading of the glob, for globs built
 * from every construct M3 has and values over a small alphabet (so matches are frequent).
 */
class M3GlobProperties {
    private static final List<String> PIECES = List.of("a", "b", ".", "*", "?", "[ab]", "[!a]", "[a-b]", "{a,ab}", "{b,.}", "(", "|");

    @Property(tries = 500)
    void globRegexAgreesWithReferenceMatcher(@ForAll("globs") String glob, @ForAll("values") String value) {
        boolean expected = !value.isEmpty() && globMatches(glob, 0, value, 0);
        boolean actual = SeriesFilter.parseM3("v:" + glob).matches(Labels.of("v", value));
        assertThat(actual).as("glob %s on %s", glob, value).isEqualTo(expected);
        boolean negated = SeriesFilter.parseM3("v:!" + glob).matches(Labels.of("v", value));
        assertThat(negated).as("glob !%s on %s", glob, value).isEqualTo(!value.isEmpty() && !expected);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab.(|").ofMinLength(0).ofMaxLength(6);
    }

    /** Straight from the definitions: one construct at a time, trying every split for '*'. */
    private static boolean globMatches(String g, int gi, String v, int vi) {
        if (gi == g.length()) {
            return vi == v.length();
        }
        char c = g.charAt(gi);
        switch (c) {
            case '*' -> {
                for (int k = vi; k <= v.length(); k++) {
                    if (globMatches(g, gi + 1, v, k)) {
                        return true;
                    }
                }
                return false;
            }
            case '?' -> {
                return vi < v.length() && globMatches(g, gi + 1, v, vi + 1);
            }
            case '[' -> {
                int end = g.indexOf(']', gi);
                String body = g.substring(gi + 1, end);
                if (vi == v.length()) {
                    return false;
                }
                char x = v.charAt(vi);
                boolean negate = body.startsWith("!");
                String set = negate ? body.substring(1) : body;
                boolean in = set.length() == 3 && set.charAt(1) == '-'
                        ? x >= set.charAt(0) && x <= set.charAt(2)
                        : set.indexOf(x) >= 0;
                return in != negate && globMatches(g, end + 1, v, vi + 1);
            }
            case '{' -> {
                int end = g.indexOf('}', gi);
                for (String alt : g.substring(gi + 1, end).split(",", -1)) {
                    if (v.startsWith(alt, vi) && globMatches(g, end + 1, v, vi + alt.length())) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return vi < v.length() && v.charAt(vi) == c && globMatches(g, gi + 1, v, vi + 1);
            }
        }
    }
}
