package io.strata.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The literals {@link RegexLiterals} derives are necessary conditions of a match, for random regexes. */
class RegexLiteralsProperties {
    private static final List<String> PIECES = List.of(
            "a", "b", "ab", "é", "\\.", "\\|", "\\\\", ".", ".*", "+", "*", "?", "{2}", "{1,2}", "[ab]", "[^a]",
            "[]a]", "(a|b)", "(?:ab)", "(?i)", "\\d", "\\w", "\\pL", "^", "$", "|", "[[:alpha:]]", "\\x61");

    @Property(tries = 2000)
    void everyMatchHasTheRequiredPrefixAndSuffix(
            @ForAll("regexes") String regex, @ForAll("strings") String value) {
        Matcher m;
        try {
            m = Matcher.regex("l", regex);
        } catch (StrataException e) {
            Assume.that(false);
            return;
        }
        if (m.matches(value)) {
            assertThat(value).startsWith(RegexLiterals.requiredPrefix(regex)).endsWith(RegexLiterals.requiredSuffix(regex));
        }
        java.util.Set<String> literals = RegexLiterals.alternation(regex);
        if (literals != null) {
            assertThat(literals.contains(value)).as("literals %s of %s", literals, regex).isEqualTo(m.matches(value));
        }
        String prefix = RegexLiterals.prefix(regex);
        if (prefix != null) {
            assertThat(value.startsWith(prefix)).isEqualTo(m.matches(value));
        }
    }

    @Provide
    Arbitrary<String> regexes() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab.|\\é1").ofMaxLength(6),
                Arbitraries.of("a", "ab", "abab", "a.b", "a|b", "aab", "é", "bb"));
    }
}
