package io.strata.promql.engine;

/**
 * The implementation of one PromQL function. The engine evaluates the arguments first: an
 * instant vector arrives as {@link StepVector}, a scalar as {@link StepScalar}, a string as
 * {@link StepString}, a range vector as {@link RangeArg}. The result is laid out on
 * {@link FunctionCall#grid()}: a {@link StepVector} for vector functions, a {@link StepScalar}
 * for {@code scalar()}, {@code time()} and the like.
 *
 * <p>Contract: output labels follow Prometheus (most functions drop {@code __name__}: call
 * {@link FunctionCall#dropName(StepSeries)}); output series must have distinct label sets per
 * step (the engine checks and reports "vector cannot contain metrics with the same labelset");
 * no allocation per sample; problems the user should see go to {@link FunctionCall#annotations()};
 * invalid arguments throw {@link io.strata.model.StrataException} with
 * {@link io.strata.model.ErrorCode#BAD_DATA} or EXECUTION as Prometheus does.
 */
@FunctionalInterface
public interface FunctionImpl {
    EvalValue call(FunctionCall call);
}
