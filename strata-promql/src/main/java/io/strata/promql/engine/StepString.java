package io.strata.promql.engine;

/** A string; the same at every step. */
public record StepString(String value) implements EvalValue {
}
