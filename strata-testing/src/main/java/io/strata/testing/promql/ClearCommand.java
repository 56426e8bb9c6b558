package io.strata.testing.promql;

/** {@code clear}: drop everything loaded so far and start from an empty storage. */
public record ClearCommand(int line) implements ScriptCommand {
}
