package io.strata.promql.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The kinds of token the PromQL lexer produces, grouped the way Prometheus groups them, because
 * error messages depend on the group: an operator is shown as {@code <op:*>}, a keyword as
 * {@code <by>}, an aggregator as {@code <aggr:sum>}, and a token with a fixed spelling as its
 * quoted text ({@code "("}).
 */
enum TokenType {
    EOF(Group.OTHER, null),
    ERROR(Group.OTHER, null),
    COMMENT(Group.OTHER, null),
    IDENTIFIER(Group.OTHER, null),
    METRIC_IDENTIFIER(Group.OTHER, null),
    NUMBER(Group.OTHER, null),
    DURATION(Group.OTHER, null),
    STRING(Group.OTHER, null),
    LEFT_PAREN(Group.OTHER, "("),
    RIGHT_PAREN(Group.OTHER, ")"),
    LEFT_BRACE(Group.OTHER, "{"),
    RIGHT_BRACE(Group.OTHER, "}"),
    LEFT_BRACKET(Group.OTHER, "["),
    RIGHT_BRACKET(Group.OTHER, "]"),
    COMMA(Group.OTHER, ","),
    EQL(Group.OTHER, "="),
    COLON(Group.OTHER, ":"),

    ADD(Group.OPERATOR, "+"),
    SUB(Group.OPERATOR, "-"),
    MUL(Group.OPERATOR, "*"),
    DIV(Group.OPERATOR, "/"),
    MOD(Group.OPERATOR, "%"),
    POW(Group.OPERATOR, "^"),
    EQLC(Group.OPERATOR, "=="),
    NEQ(Group.OPERATOR, "!="),
    LTE(Group.OPERATOR, "<="),
    LSS(Group.OPERATOR, "<"),
    GTE(Group.OPERATOR, ">="),
    GTR(Group.OPERATOR, ">"),
    EQL_REGEX(Group.OPERATOR, "=~"),
    NEQ_REGEX(Group.OPERATOR, "!~"),
    TRIM_UPPER(Group.OPERATOR, "</"),
    TRIM_LOWER(Group.OPERATOR, ">/"),
    AT(Group.OPERATOR, "@"),
    ATAN2(Group.OPERATOR, "atan2"),
    LAND(Group.OPERATOR, "and"),
    LOR(Group.OPERATOR, "or"),
    LUNLESS(Group.OPERATOR, "unless"),

    AVG(Group.AGGREGATOR, "avg"),
    BOTTOMK(Group.AGGREGATOR, "bottomk"),
    COUNT(Group.AGGREGATOR, "count"),
    COUNT_VALUES(Group.AGGREGATOR, "count_values"),
    GROUP(Group.AGGREGATOR, "group"),
    MAX(Group.AGGREGATOR, "max"),
    MIN(Group.AGGREGATOR, "min"),
    QUANTILE(Group.AGGREGATOR, "quantile"),
    STDDEV(Group.AGGREGATOR, "stddev"),
    STDVAR(Group.AGGREGATOR, "stdvar"),
    SUM(Group.AGGREGATOR, "sum"),
    TOPK(Group.AGGREGATOR, "topk"),
    LIMITK(Group.AGGREGATOR, "limitk"),
    LIMIT_RATIO(Group.AGGREGATOR, "limit_ratio"),

    BOOL(Group.KEYWORD, "bool"),
    BY(Group.KEYWORD, "by"),
    GROUP_LEFT(Group.KEYWORD, "group_left"),
    GROUP_RIGHT(Group.KEYWORD, "group_right"),
    FILL(Group.KEYWORD, "fill"),
    FILL_LEFT(Group.KEYWORD, "fill_left"),
    FILL_RIGHT(Group.KEYWORD, "fill_right"),
    IGNORING(Group.KEYWORD, "ignoring"),
    OFFSET(Group.KEYWORD, "offset"),
    SMOOTHED(Group.KEYWORD, "smoothed"),
    ANCHORED(Group.KEYWORD, "anchored"),
    ON(Group.KEYWORD, "on"),
    WITHOUT(Group.KEYWORD, "without"),

    START(Group.PREPROCESSOR, "start"),
    END(Group.PREPROCESSOR, "end"),
    STEP(Group.PREPROCESSOR, "step"),
    RANGE(Group.PREPROCESSOR, "range"),
    MAX_OF(Group.PREPROCESSOR, "max_of"),
    MIN_OF(Group.PREPROCESSOR, "min_of");

    /** How a token is described in "unexpected ..." messages. */
    enum Group { OTHER, OPERATOR, AGGREGATOR, KEYWORD, PREPROCESSOR }

    private static final Map<String, TokenType> WORDS = words();

    private final Group group;
    private final String fixedText;

    TokenType(Group group, String fixedText) {
        this.group = group;
        this.fixedText = fixedText;
    }

    Group group() {
        return group;
    }

    /**
     * The spelling Prometheus keeps for this type in its {@code ItemTypeStr} table, or {@code null}
     * when the type has none (identifiers, numbers, strings...). Keywords are spelled in lower case
     * whatever the query wrote, which is how the printer writes them back.
     */
    String fixedText() {
        return fixedText;
    }

    boolean isAggregator() {
        return group == Group.AGGREGATOR;
    }

    /**
     * The token a word stands for, looked up in any letter case: keywords, word operators,
     * aggregators, the preprocessors, and {@code inf}/{@code nan}, which are numbers. {@code null}
     * for any other word.
     */
    static TokenType forWord(String word) {
        return WORDS.get(asciiLowerCase(word));
    }

    /** Lower-cases ASCII letters only: keyword matching must not depend on the default locale. */
    static String asciiLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    private static Map<String, TokenType> words() {
        Map<String, TokenType> m = new HashMap<>();
        for (TokenType t : values()) {
            if (t.group != Group.OTHER && t.fixedText != null && Character.isLetter(t.fixedText.charAt(0))) {
                m.put(t.fixedText, t);
            }
        }
        m.put("inf", NUMBER);
        m.put("nan", NUMBER);
        return m;
    }
}
