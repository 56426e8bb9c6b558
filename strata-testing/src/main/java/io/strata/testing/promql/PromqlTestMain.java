package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.parse.ExprPrinter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./strata promqltest FILE...}: runs PromQL test scripts against Strata's engine and prints
 * every failing eval, then {@code N passed, M failed, K skipped}. Exit code 0 when nothing
 * failed, 1 when something did, 2 on a usage error.
 */
public final class PromqlTestMain {
    static final Path DEFAULT_SKIP_LIST = Path.of("testdata", "promql", "skip-list.tsv");
    static final String USAGE = """
            usage: strata promqltest [options] FILE...
              --skip-list FILE   evals to skip (default testdata/promql/skip-list.tsv when it exists)
              --no-extra-runs    check each instant eval by its base query only (no @ and range-mode re-runs)
              --verbose          also list passing and skipped evals
              --help             show this text""";

    private PromqlTestMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, new EngineQueries()));
    }

    /** Runs the command line with {@code queries} answering the evals; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, QueryFunction queries) {
        Path skipListPath = null;
        boolean extraRuns = true;
        boolean verbose = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--no-extra-runs" -> extraRuns = false;
                case "--verbose", "-v" -> verbose = true;
                case "--skip-list" -> {
                    if (i + 1 == args.length) {
                        return usage(err, "--skip-list needs a file");
                    }
                    skipListPath = Path.of(args[++i]);
                }
                default -> {
                    if (a.startsWith("--skip-list=")) {
                        skipListPath = Path.of(a.substring("--skip-list=".length()));
                    } else if (a.startsWith("-")) {
                        return usage(err, "unknown option " + a);
                    } else {
                        files.add(Path.of(a));
                    }
                }
            }
        }
        if (files.isEmpty()) {
            return usage(err, "no test files given");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return usage(err, "not a readable file: " + f);
            }
        }
        SkipList skipList;
        try {
            skipList = skipList(skipListPath);
        } catch (StrataException | UncheckedIOException e) {
            return usage(err, e.getMessage());
        }
        ScriptRunner runner = new ScriptRunner(queries, ExprPrinter::print, skipList, extraRuns);
        List<FileReport> reports = new ArrayList<>();
        long failed = 0;
        for (Path f : files) {
            FileReport report = runner.run(f);
            failed += report.count(EvalReport.Status.FAILED);
            reports.add(report);
        }
        new TextReport(out, verbose).print(reports);
        return failed == 0 ? 0 : 1;
    }

    private static SkipList skipList(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new StrataException(ErrorCode.BAD_DATA, "no skip list at " + given);
            }
            return SkipList.read(given);
        }
        return Files.isRegularFile(DEFAULT_SKIP_LIST) ? SkipList.read(DEFAULT_SKIP_LIST) : SkipList.empty();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("strata promqltest: " + problem);
        err.println(USAGE);
        return 2;
    }
}
