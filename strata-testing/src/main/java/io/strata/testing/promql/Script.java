package io.strata.testing.promql;

import java.util.List;

/** A test script read from {@code file} (its name as reported), its commands in file order. */
public record Script(String file, List<ScriptCommand> commands) {
    public Script {
        commands = List.copyOf(commands);
    }

    public List<EvalCommand> evals() {
        return commands.stream().filter(EvalCommand.class::isInstance).map(EvalCommand.class::cast).toList();
    }
}
