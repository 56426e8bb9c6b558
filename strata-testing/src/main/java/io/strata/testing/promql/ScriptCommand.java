package io.strata.testing.promql;

/** One command of a test script, in file order. */
public sealed interface ScriptCommand permits ClearCommand, LoadCommand, EvalCommand {
    /** 1-based line of the command word. */
    int line();
}
