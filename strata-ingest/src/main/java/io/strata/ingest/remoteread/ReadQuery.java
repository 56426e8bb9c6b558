package io.strata.ingest.remoteread;

import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.SelectHints;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of a remote-read request, validated and converted to Strata's types.
 *
 * @param index position in the request, echoed as {@code query_index} in streamed frames
 * @param start first timestamp (ms, inclusive)
 * @param end last timestamp (ms, inclusive)
 */
record ReadQuery(int index, long start, long end, List<Matcher> matchers, SelectHints hints) {

    /** True when the range holds no timestamp (start after end): answered without asking storage. */
    boolean isEmptyRange() {
        return start > end;
    }

    /** A query the request got wrong; the message names the query and the problem. */
    static final class InvalidQueryException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidQueryException(String message) {
            super(message, null, false, false);
        }
    }

    static List<ReadQuery> fromRequest(Remote.ReadRequest request) throws InvalidQueryException {
        List<ReadQuery> queries = new ArrayList<>(request.getQueriesCount());
        for (int i = 0; i < request.getQueriesCount(); i++) {
            queries.add(from(i, request.getQueries(i)));
        }
        return queries;
    }

    private static ReadQuery from(int index, Remote.Query query) throws InvalidQueryException {
        List<Matcher> matchers = new ArrayList<>(query.getMatchersCount());
        boolean selective = false;
        for (Types.LabelMatcher m : query.getMatchersList()) {
            MatchType type = switch (m.getType()) {
                case EQ -> MatchType.EQUAL;
                case NEQ -> MatchType.NOT_EQUAL;
                case RE -> MatchType.REGEX;
                case NRE -> MatchType.NOT_REGEX;
                case UNRECOGNIZED -> throw new InvalidQueryException(
                        "query " + index + ": unknown matcher type " + m.getTypeValue() + " for label " + m.getName());
            };
            Matcher matcher;
            try {
                matcher = Matcher.of(type, m.getName(), m.getValue());
            } catch (StrataException e) {
                throw new InvalidQueryException("query " + index + ": " + e.getMessage());
            }
            matchers.add(matcher);
            selective |= !matcher.matchesEmpty();
        }
        if (!selective) {
            throw new InvalidQueryException("query " + index + ": matchers " + matchers
                    + " select every series; at least one matcher must not match the empty string,"
                    + " e.g. __name__=\"up\" or __name__=~\".+\"");
        }
        SelectHints hints = query.hasHints()
                ? new SelectHints(
                        query.getHints().getStartMs(),
                        query.getHints().getEndMs(),
                        query.getHints().getStepMs(),
                        query.getHints().getFunc().isEmpty() ? null : query.getHints().getFunc(),
                        0,
                        false)
                : SelectHints.range(query.getStartTimestampMs(), query.getEndTimestampMs());
        return new ReadQuery(index, query.getStartTimestampMs(), query.getEndTimestampMs(), List.copyOf(matchers), hints);
    }
}
