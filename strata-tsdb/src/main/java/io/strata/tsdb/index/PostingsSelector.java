package io.strata.tsdb.index;

import io.strata.model.Utf8Order;

import io.strata.model.ErrorCode;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Turns label matchers into the ids of the series they select, over any {@link LabelIndexReader}
 * (blocks and the head share this code, so both answer a selector identically).
 *
 * <p>Semantics are Prometheus's: an absent label matches as the empty string, so a matcher that
 * matches {@code ""} also selects series lacking the label. Matchers that do not match {@code ""}
 * ("positive") intersect the postings of the values they accept; matchers that do ("negative")
 * subtract the postings of the values they reject from the result, starting from all series when
 * there is no positive matcher.
 *
 * <p>Cost: {@code =} is one lookup; a regex that is an alternation of literals
 * ({@link Matcher#setMatches()}, or literals with escapes such as {@code 10\.0\.0\.1:9100|...},
 * see {@link RegexLiterals}) is one lookup per literal; {@code prefix.*}
 * ({@link Matcher#literalPrefix()}, escaped prefixes too) binary-searches the sorted value list;
 * other regexes scan the value list of their label once. Nothing here scans series.
 */
public final class PostingsSelector {
    private static final Comparator<Matcher> CHEAPEST_FIRST = Comparator.comparingInt(PostingsSelector::costRank);

    private PostingsSelector() {}

    /**
     * Ids of the series matching all {@code matchers}.
     *
     * @throws StrataException {@link ErrorCode#BAD_DATA} when every matcher matches the empty
     *     string (or there is none): such a selector would select every series
     */
    public static ImmutableRoaringBitmap select(LabelIndexReader index, List<Matcher> matchers) {
        requireNonEmptyMatcher(matchers);
        return selectFromAll(index, matchers);
    }

    /**
     * Like {@link #select} but also accepts matchers that all match the empty string, and an empty
     * list (every series). For the label names/values APIs, whose matchers are optional.
     */
    public static ImmutableRoaringBitmap selectFromAll(LabelIndexReader index, List<Matcher> matchers) {
        List<Matcher> ordered = new ArrayList<>(matchers);
        ordered.sort(CHEAPEST_FIRST);
        ImmutableRoaringBitmap result = null;
        for (Matcher m : ordered) {
            if (!m.matchesEmpty()) {
                ImmutableRoaringBitmap accepted = valuesPostings(index, m, true);
                result = result == null ? accepted : ImmutableRoaringBitmap.and(result, accepted);
                if (result.isEmpty()) {
                    return Postings.EMPTY;
                }
            }
        }
        if (result == null) {
            result = index.allSeries();
        }
        for (Matcher m : ordered) {
            if (m.matchesEmpty()) {
                ImmutableRoaringBitmap rejected = valuesPostings(index, m, false);
                if (!rejected.isEmpty()) {
                    result = ImmutableRoaringBitmap.andNot(result, rejected);
                    if (result.isEmpty()) {
                        return Postings.EMPTY;
                    }
                }
            }
        }
        return result;
    }

    /** Throws BAD_DATA unless some matcher does not match the empty string. */
    public static void requireNonEmptyMatcher(List<Matcher> matchers) {
        for (Matcher m : matchers) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        throw new StrataException(
                ErrorCode.BAD_DATA,
                "at least one matcher must not match the empty string, got " + matchers
                        + "; add a matcher such as __name__=\"metric\" or label=~\".+\"");
    }

    /** Union of the postings of the values {@code v} of the matcher's label with {@code m.matches(v) == wanted}. */
    private static ImmutableRoaringBitmap valuesPostings(LabelIndexReader index, Matcher m, boolean wanted) {
        String name = m.name();
        return switch (m.type()) {
            case EQUAL -> wanted ? index.postings(name, m.value()) : allExcept(index, name, m.value());
            case NOT_EQUAL -> wanted ? allExcept(index, name, m.value()) : index.postings(name, m.value());
            case REGEX, NOT_REGEX -> regexPostings(index, m, (m.type() == MatchType.REGEX) == wanted, wanted);
        };
    }

    /**
     * @param acceptedByPattern whether we want the values the pattern itself accepts (true for a
     *     wanted {@code =~}, or for the rejected values of a {@code !~})
     */
    private static ImmutableRoaringBitmap regexPostings(
            LabelIndexReader index, Matcher m, boolean acceptedByPattern, boolean wanted) {
        String name = m.name();
        Set<String> literals = literals(m);
        if (literals != null && acceptedByPattern) {
            List<ImmutableRoaringBitmap> lists = new ArrayList<>(literals.size());
            for (String v : literals) {
                ImmutableRoaringBitmap p = index.postings(name, v);
                if (!p.isEmpty()) {
                    lists.add(p);
                }
            }
            return Postings.union(lists);
        }
        List<String> values = index.labelValues(name);
        String prefix = prefix(m);
        if (prefix != null) {
            int from = lowerBound(values, prefix);
            int to = prefixEnd(values, prefix, from);
            List<ImmutableRoaringBitmap> lists = new ArrayList<>();
            if (acceptedByPattern) {
                addRange(index, name, values, from, to, lists);
            } else {
                addRange(index, name, values, 0, from, lists);
                addRange(index, name, values, to, values.size(), lists);
            }
            return Postings.union(lists);
        }
        // A scan through the regex engine, narrowed by literals every match must start and end with
        // (Prometheus's FastRegexMatcher does the same): the prefix bounds a binary-searched range,
        // the suffix is a cheap test before the engine runs.
        String required = RegexLiterals.requiredPrefix(m.value());
        String suffix = RegexLiterals.requiredSuffix(m.value());
        int from = 0;
        int to = values.size();
        if (!required.isEmpty()) {
            from = lowerBound(values, required);
            to = prefixEnd(values, required, from);
        }
        List<ImmutableRoaringBitmap> lists = new ArrayList<>();
        if (!acceptedByPattern) {
            addRange(index, name, values, 0, from, lists); // the pattern rejects every value outside
            addRange(index, name, values, to, values.size(), lists);
        }
        boolean positive = m.type() == MatchType.REGEX;
        int i = from;
        for (String value : values.subList(from, to)) { // iterating lets a mapped dictionary decode sequentially
            boolean accepted = value.endsWith(suffix) && m.matches(value) == positive;
            if (accepted == acceptedByPattern) {
                lists.add(index.postingsAt(name, values, i));
            }
            i++;
        }
        return Postings.union(lists);
    }

    /** The literals a regex matcher's pattern is an alternation of, escaped or not; else null. */
    private static Set<String> literals(Matcher m) {
        Set<String> literals = m.setMatches();
        return literals != null ? literals : RegexLiterals.alternation(m.value());
    }

    private static String prefix(Matcher m) {
        String prefix = m.literalPrefix();
        return prefix != null ? prefix : RegexLiterals.prefix(m.value());
    }

    private static ImmutableRoaringBitmap allExcept(LabelIndexReader index, String name, String excluded) {
        List<String> values = index.labelValues(name);
        int skip = Collections.binarySearch(values, excluded, Utf8Order.INSTANCE);
        List<ImmutableRoaringBitmap> lists = new ArrayList<>(values.size());
        for (int i = 0, n = values.size(); i < n; i++) {
            if (i != skip) {
                lists.add(index.postingsAt(name, values, i));
            }
        }
        return Postings.union(lists);
    }

    private static void addRange(
            LabelIndexReader index, String name, List<String> values, int from, int to, List<ImmutableRoaringBitmap> out) {
        for (int i = from; i < to; i++) {
            out.add(index.postingsAt(name, values, i));
        }
    }

    /** First position whose value is {@code >= key}. */
    static int lowerBound(List<String> values, String key) {
        int lo = 0;
        int hi = values.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Utf8Order.INSTANCE.compare(values.get(mid), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First position at or after {@code from} whose value does not start with {@code prefix}. */
    static int prefixEnd(List<String> values, String prefix, int from) {
        // Values starting with the prefix are one contiguous run beginning at lowerBound(prefix).
        int lo = from;
        int hi = values.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values.get(mid).startsWith(prefix)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int costRank(Matcher m) {
        return switch (m.type()) {
            case EQUAL -> 0;
            case REGEX -> literals(m) != null ? 1 : prefix(m) != null ? 2 : 3;
            case NOT_EQUAL, NOT_REGEX -> 4;
        };
    }
}
