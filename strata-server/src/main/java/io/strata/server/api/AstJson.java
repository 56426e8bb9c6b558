package io.strata.server.api;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.ValueType;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * The syntax tree {@code /api/v1/parse_query} returns, in the shape of Prometheus's
 * {@code translateAST} (the tree view of its UI). Prometheus builds Go maps, which its JSON
 * encoder writes with keys sorted, so every object here lists its keys alphabetically:
 *
 * <pre>
 * {"expr":{"anchored":false,"matchers":[{"name":"__name__","type":"=","value":"up"}],"name":"up",
 *          "offset":0,"smoothed":false,"startOrEnd":null,"timestamp":null,"type":"vectorSelector"},
 *  "grouping":["job"],"op":"sum","param":null,"type":"aggregation","without":false}
 * </pre>
 *
 * Ranges, offsets and steps are milliseconds; those written as duration expressions show as 0,
 * as in Prometheus, which does not translate them either.
 */
final class AstJson {
    private AstJson() {}

    static void write(JsonGenerator g, Expr expr) {
        if (expr == null) {
            g.writeNull();
            return;
        }
        switch (expr) {
            case AggregateExpr a -> aggregation(g, a);
            case BinaryExpr b -> binary(g, b);
            case Call c -> call(g, c);
            case MatrixSelector m -> matrixSelector(g, m);
            case SubqueryExpr s -> subquery(g, s);
            case NumberLiteral n -> {
                g.writeStartObject();
                g.writeStringProperty("type", "numberLiteral");
                g.writeStringProperty("val", GoFloats.plain(n.value()));
                g.writeEndObject();
            }
            case ParenExpr p -> {
                g.writeStartObject();
                g.writeName("expr");
                write(g, p.expr());
                g.writeStringProperty("type", "parenExpr");
                g.writeEndObject();
            }
            case StringLiteral s -> {
                g.writeStartObject();
                g.writeStringProperty("type", "stringLiteral");
                g.writeStringProperty("val", s.value());
                g.writeEndObject();
            }
            case UnaryExpr u -> {
                g.writeStartObject();
                g.writeName("expr");
                write(g, u.expr());
                g.writeStringProperty("op", u.op().text());
                g.writeStringProperty("type", "unaryExpr");
                g.writeEndObject();
            }
            case VectorSelector v -> vectorSelector(g, v);
            case DurationExpr d -> throw new IllegalStateException(
                    "BUG: a duration expression outside a range, offset or step: " + d);
        }
    }

    private static void aggregation(JsonGenerator g, AggregateExpr a) {
        g.writeStartObject();
        g.writeName("expr");
        write(g, a.expr());
        g.writeName("grouping");
        ApiJson.writeStrings(g, a.grouping());
        g.writeStringProperty("op", a.op().text());
        g.writeName("param");
        write(g, a.param());
        g.writeStringProperty("type", "aggregation");
        g.writeBooleanProperty("without", a.without());
        g.writeEndObject();
    }

    private static void binary(JsonGenerator g, BinaryExpr b) {
        g.writeStartObject();
        g.writeBooleanProperty("bool", b.returnBool());
        g.writeName("lhs");
        write(g, b.lhs());
        g.writeName("matching");
        VectorMatching m = b.matching();
        if (m == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringProperty("card", cardinality(m.cardinality()));
            g.writeObjectPropertyStart("fillValues");
            fillValue(g, "lhs", m.fillLeft());
            fillValue(g, "rhs", m.fillRight());
            g.writeEndObject();
            g.writeName("include");
            ApiJson.writeStrings(g, m.include());
            g.writeName("labels");
            ApiJson.writeStrings(g, m.matchingLabels());
            g.writeBooleanProperty("on", m.on());
            g.writeEndObject();
        }
        g.writeStringProperty("op", b.op().text());
        g.writeName("rhs");
        write(g, b.rhs());
        g.writeStringProperty("type", "binaryExpr");
        g.writeEndObject();
    }

    private static void fillValue(JsonGenerator g, String name, Double value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(GoFloats.jsonNumber(value));
        }
    }

    private static String cardinality(VectorMatching.Cardinality c) {
        return switch (c) {
            case ONE_TO_ONE -> "one-to-one";
            case MANY_TO_ONE -> "many-to-one";
            case ONE_TO_MANY -> "one-to-many";
            case MANY_TO_MANY -> "many-to-many";
        };
    }

    private static void call(JsonGenerator g, Call c) {
        g.writeStartObject();
        g.writeArrayPropertyStart("args");
        for (Expr arg : c.args()) {
            write(g, arg);
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("func");
        g.writeArrayPropertyStart("argTypes");
        for (ValueType t : c.function().argTypes()) {
            g.writeString(t.apiName());
        }
        g.writeEndArray();
        g.writeStringProperty("name", c.function().name());
        g.writeStringProperty("returnType", c.function().returnType().apiName());
        g.writeNumberProperty("variadic", c.function().variadic());
        g.writeEndObject();
        g.writeStringProperty("type", "call");
        g.writeEndObject();
    }

    private static void matrixSelector(JsonGenerator g, MatrixSelector m) {
        VectorSelector v = m.selector();
        g.writeStartObject();
        g.writeBooleanProperty("anchored", v.anchored());
        matchers(g, v);
        g.writeStringProperty("name", v.name() == null ? "" : v.name());
        g.writeNumberProperty("offset", v.offsetMs());
        g.writeNumberProperty("range", m.rangeMs());
        g.writeBooleanProperty("smoothed", v.smoothed());
        at(g, v.at());
        g.writeStringProperty("type", "matrixSelector");
        g.writeEndObject();
    }

    private static void subquery(JsonGenerator g, SubqueryExpr s) {
        g.writeStartObject();
        g.writeName("expr");
        write(g, s.expr());
        g.writeNumberProperty("offset", s.offsetMs());
        g.writeNumberProperty("range", s.rangeMs());
        // "startOrEnd" sorts before "step", "timestamp" after it.
        g.writeName("startOrEnd");
        startOrEnd(g, s.at());
        g.writeNumberProperty("step", s.stepMs());
        g.writeName("timestamp");
        timestamp(g, s.at());
        g.writeStringProperty("type", "subquery");
        g.writeEndObject();
    }

    private static void vectorSelector(JsonGenerator g, VectorSelector v) {
        g.writeStartObject();
        g.writeBooleanProperty("anchored", v.anchored());
        matchers(g, v);
        g.writeStringProperty("name", v.name() == null ? "" : v.name());
        g.writeNumberProperty("offset", v.offsetMs());
        g.writeBooleanProperty("smoothed", v.smoothed());
        at(g, v.at());
        g.writeStringProperty("type", "vectorSelector");
        g.writeEndObject();
    }

    /**
     * The matchers in Prometheus's order: those written in braces as written, then the
     * {@code __name__} matcher of a name written before the braces.
     */
    private static void matchers(JsonGenerator g, VectorSelector v) {
        List<Matcher> ordered = new ArrayList<>(v.matchers());
        if (v.name() != null) {
            for (int i = 0; i < ordered.size(); i++) {
                Matcher m = ordered.get(i);
                if (m.name().equals(Labels.METRIC_NAME) && m.type() == MatchType.EQUAL && m.value().equals(v.name())) {
                    ordered.add(ordered.remove(i));
                    break;
                }
            }
        }
        g.writeArrayPropertyStart("matchers");
        for (Matcher m : ordered) {
            g.writeStartObject();
            g.writeStringProperty("name", m.name());
            g.writeStringProperty("type", m.type().operator());
            g.writeStringProperty("value", m.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code startOrEnd} and {@code timestamp}, adjacent in key order for selectors. */
    private static void at(JsonGenerator g, AtModifier at) {
        g.writeName("startOrEnd");
        startOrEnd(g, at);
        g.writeName("timestamp");
        timestamp(g, at);
    }

    private static void startOrEnd(JsonGenerator g, AtModifier at) {
        switch (at.kind()) {
            case START -> g.writeString("start");
            case END -> g.writeString("end");
            case NONE, TIMESTAMP -> g.writeNull();
        }
    }

    private static void timestamp(JsonGenerator g, AtModifier at) {
        if (at.kind() == AtModifier.Kind.TIMESTAMP) {
            g.writeNumber(at.timestampMs());
        } else {
            g.writeNull();
        }
    }
}
