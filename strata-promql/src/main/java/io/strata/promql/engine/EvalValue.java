package io.strata.promql.engine;

/**
 * An intermediate result, laid out on the grid it was evaluated on: an instant vector per step
 * ({@link StepVector}), a scalar per step ({@link StepScalar}), a string ({@link StepString}), or
 * a range vector ({@link RangeArg}) that only functions and the top level consume.
 */
public sealed interface EvalValue permits StepVector, StepScalar, StepString, RangeArg {
}
