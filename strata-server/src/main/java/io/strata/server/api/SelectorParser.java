package io.strata.server.api;

import io.strata.model.GoQuote;
import io.strata.model.ErrorCode;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.server.api.SelectorToken.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a PromQL series selector, as the {@code match[]} parameters carry them:
 * {@code up}, {@code up{job="api"}}, {@code {__name__=~"http_.*", code!="200"}}, and Prometheus 3's
 * quoted names {@code {"my.metric", "my.label"="x"}}. Errors read like Prometheus's,
 * {@code 1:4: parse error: unexpected end of input inside braces}, with line and column (in bytes,
 * 1-based) of the offending token.
 *
 * <p>Self-contained on purpose: the full PromQL parser will replace it.
 */
public final class SelectorParser {
    private final String input;
    private final SelectorLexer lexer;

    private SelectorParser(String input) {
        this.input = input;
        this.lexer = new SelectorLexer(input);
    }

    /**
     * Parses one selector into matchers, the metric name matcher first.
     *
     * @throws StrataException with {@link ErrorCode#BAD_DATA} and a positioned message
     */
    public static List<Matcher> parse(String selector) {
        return new SelectorParser(selector).parse();
    }

    private List<Matcher> parse() {
        List<Matcher> matchers = new ArrayList<>();
        String[] metricName = {null};
        SelectorToken t = next();
        if (t.kind() == Kind.IDENTIFIER || t.kind() == Kind.METRIC_IDENTIFIER) {
            metricName[0] = t.text();
            t = next();
        }
        if (t.kind() == Kind.LEFT_BRACE) {
            parseMatchers(matchers, metricName);
            t = next();
        } else if (metricName[0] == null) {
            throw unexpected(t, null, null);
        }
        if (t.kind() != Kind.EOF) {
            throw unexpected(t, null, null);
        }
        if (metricName[0] != null) {
            matchers.addFirst(Matcher.metricName(metricName[0]));
        }
        return matchers;
    }

    private void parseMatchers(List<Matcher> matchers, String[] metricName) {
        while (true) {
            SelectorToken t = next();
            if (t.kind() == Kind.RIGHT_BRACE) {
                return;
            }
            SelectorToken after;
            if (t.kind() == Kind.STRING) {
                after = next();
                if (after.kind() == Kind.COMMA || after.kind() == Kind.RIGHT_BRACE) {
                    setMetricName(metricName, t.value());
                } else {
                    after = matcher(t, t.value(), after, matchers);
                }
            } else if (t.kind() == Kind.IDENTIFIER) {
                after = matcher(t, t.text(), next(), matchers);
            } else {
                throw unexpected(t, "label matching", "identifier or \"}\"");
            }
            if (after.kind() == Kind.RIGHT_BRACE) {
                return;
            }
            if (after.kind() != Kind.COMMA) {
                throw unexpected(after, "label matching", "\",\" or \"}\"");
            }
        }
    }

    /** Parses {@code op "value"} after a label name and returns the token after the value. */
    private SelectorToken matcher(SelectorToken nameToken, String name, SelectorToken op, List<Matcher> matchers) {
        if (!op.isMatchOperator()) {
            throw unexpected(op, "label matching", "label matching operator");
        }
        SelectorToken value = next();
        if (value.kind() != Kind.STRING) {
            throw unexpected(value, "label matching", "string");
        }
        MatchType type = switch (op.kind()) {
            case EQL -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw new IllegalStateException("BUG: not a match operator: " + op);
        };
        try {
            matchers.add(Matcher.of(type, name, value.value()));
        } catch (StrataException e) {
            throw error(nameToken.start(), e.getMessage());
        }
        return next();
    }

    private void setMetricName(String[] metricName, String name) {
        if (metricName[0] != null) {
            throw error(0, "metric name must not be set twice: " + GoQuote.quote(metricName[0]) + " or "
                    + GoQuote.quote(name));
        }
        metricName[0] = name;
    }

    private SelectorToken next() {
        SelectorToken t = lexer.next();
        if (t.kind() == Kind.ERROR) {
            throw error(t.start(), t.value());
        }
        return t;
    }

    private StrataException unexpected(SelectorToken t, String context, String expected) {
        StringBuilder sb = new StringBuilder("unexpected ").append(t.describe());
        if (context != null) {
            sb.append(" in ").append(context);
        }
        if (expected != null) {
            sb.append(", expected ").append(expected);
        }
        return error(t.start(), sb.toString());
    }

    /** {@code line:column: parse error: message}, the column counted in bytes as Prometheus does. */
    private StrataException error(int charIndex, String message) {
        String before = input.substring(0, Math.min(charIndex, input.length()));
        int line = 1;
        int lastBreak = -1;
        byte[] bytes = before.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lastBreak = i;
            }
        }
        int column = bytes.length - lastBreak;
        return new StrataException(ErrorCode.BAD_DATA, line + ":" + column + ": parse error: " + message);
    }
}
