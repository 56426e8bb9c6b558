package io.strata.testing.promql;

import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.testing.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs test scripts: each file against its own fresh storage, commands in order, evals on the
 * skip list reported as skipped. Storage is an {@link InMemoryStorage} without out-of-order
 * window, like upstream's test TSDB, so a later load may only add newer samples to a series.
 */
public final class ScriptRunner {
    private final EvalExecutor executor;
    private final SkipList skipList;

    /**
     * @param printer prints a rewritten AST for the {@code @} re-runs ({@code ExprPrinter::print})
     * @param extraRuns whether instant evals also get the {@code @} and range-mode re-runs
     */
    public ScriptRunner(QueryFunction queries, Function<Expr, String> printer, SkipList skipList, boolean extraRuns) {
        this.executor = new EvalExecutor(queries, printer, extraRuns);
        this.skipList = skipList;
    }

    public FileReport run(Path path) {
        try {
            return run(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Runs the script {@code content}; {@code file} is its name as the skip list and the report know it. */
    public FileReport run(String file, String content) {
        Script script;
        try {
            script = ScriptReader.read(file, content);
        } catch (RuntimeException e) {
            // A malformed file fails as a whole, like upstream: every eval in it counts as failed.
            String reason = e instanceof StrataException ? e.getMessage() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            return new FileReport(file, List.of(), reason, ScriptReader.countEvalLines(content), List.of());
        }
        List<EvalReport> evals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        InMemoryStorage storage = newStorage();
        String loadFailure = null;
        try {
            for (ScriptCommand command : script.commands()) {
                switch (command) {
                    case ClearCommand c -> {
                        storage.close();
                        storage = newStorage();
                    }
                    case LoadCommand load -> {
                        if (loadFailure == null) {
                            loadFailure = load(storage, load);
                        }
                    }
                    case EvalCommand eval -> evals.add(evaluate(file, eval, storage, loadFailure, notes));
                }
            }
        } finally {
            storage.close();
        }
        Set<Integer> evalLines = new HashSet<>();
        script.evals().forEach(e -> evalLines.add(e.line()));
        for (SkipList.Entry entry : skipList.entriesOf(file)) {
            if (!evalLines.contains(entry.line())) {
                notes.add("skip-list entry " + entry + " matches no eval of the file");
            }
        }
        return new FileReport(file, evals, null, 0, notes);
    }

    private static String load(InMemoryStorage storage, LoadCommand load) {
        try {
            ScriptLoader.load(storage, load);
            return null;
        } catch (StrataException e) {
            // Upstream stops the file at a failed load; here the evals after it fail with this reason.
            return "the load at line " + load.line() + " failed: " + e.getMessage();
        }
    }

    private EvalReport evaluate(String file, EvalCommand eval, InMemoryStorage storage, String loadFailure,
            List<String> notes) {
        Optional<SkipList.Entry> skip = skipList.find(file, eval.line());
        if (skip.isPresent()) {
            if (skip.get().runnable() && loadFailure == null && execute(eval, storage).isEmpty()) {
                notes.add("skip-list entry " + skip.get() + " passes (" + skip.get().reason() + ")");
            }
            return EvalReport.skipped(file, eval, skip.get());
        }
        if (loadFailure != null) {
            return EvalReport.failed(file, eval, new EvalFailure("no query", loadFailure, ResultText.expected(eval),
                    "nothing: the data is missing"));
        }
        Optional<EvalFailure> failure = execute(eval, storage);
        return failure.map(f -> EvalReport.failed(file, eval, f)).orElseGet(() -> EvalReport.passed(file, eval));
    }

    private Optional<EvalFailure> execute(EvalCommand eval, InMemoryStorage storage) {
        try {
            return executor.run(eval, storage);
        } catch (RuntimeException e) {
            // A bug of the runner (or a printer crash) must not hide the other evals' verdicts.
            return Optional.of(new EvalFailure("the runner", "the runner crashed: " + e, ResultText.expected(eval),
                    "nothing"));
        }
    }

    private static InMemoryStorage newStorage() {
        return InMemoryStorage.withOutOfOrderWindow(Duration.ZERO);
    }
}
