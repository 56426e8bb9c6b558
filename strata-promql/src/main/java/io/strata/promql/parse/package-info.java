/**
 * The PromQL parser: a byte-level {@code Lexer}, a recursive-descent parser that reports syntax
 * errors as Prometheus's yacc grammar does ({@code ParseState}, {@code ExpressionParser},
 * {@code SelectorParser}, {@code DurationParser}, {@code Modifiers}), Prometheus's type checks
 * ({@code TypeChecker}), and the printer ({@link io.strata.promql.parse.ExprPrinter}). The public
 * entry points are {@link io.strata.promql.parse.PromqlParser} and
 * {@link io.strata.promql.parse.ExprPrinter}. How Prometheus's parser behaviour is reproduced,
 * and where Strata knowingly differs, is in DESIGN.md next to these sources.
 */
package io.strata.promql.parse;
