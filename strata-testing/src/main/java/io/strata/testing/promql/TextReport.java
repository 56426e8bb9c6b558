package io.strata.testing.promql;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints run results: every failing eval with file, line, expression, which run failed,
 * expected and got; notes; and as the very last line {@code N passed, M failed, K skipped}.
 */
public final class TextReport {
    private final PrintStream out;
    private final boolean verbose;

    public TextReport(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    public void print(List<FileReport> files) {
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (FileReport f : files) {
            printFile(f);
            passed += f.count(EvalReport.Status.PASSED);
            failed += f.count(EvalReport.Status.FAILED);
            skipped += f.count(EvalReport.Status.SKIPPED);
        }
        for (FileReport f : files) {
            for (String note : f.notes()) {
                out.println("note: " + note);
            }
        }
        out.println(summary(passed, failed, skipped));
    }

    static String summary(long passed, long failed, long skipped) {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    private void printFile(FileReport f) {
        if (f.unreadable() != null) {
            out.println("FAIL " + f.file() + ": the file cannot be read, so its " + f.unreadEvals()
                    + " evals count as failed");
            block("reason:", f.unreadable());
            return;
        }
        for (EvalReport e : f.evals()) {
            switch (e.status()) {
                case FAILED -> {
                    out.println("FAIL " + e.file() + ":" + e.line() + ": " + e.expr());
                    block("run:", e.failure().run());
                    block("problem:", e.failure().problem());
                    block("expected:", e.failure().expected());
                    block("got:", e.failure().got());
                }
                case PASSED -> {
                    if (verbose) {
                        out.println("PASS " + e.file() + ":" + e.line() + ": " + e.expr());
                    }
                }
                case SKIPPED -> {
                    if (verbose) {
                        out.println("SKIP " + e.file() + ":" + e.line() + ": " + e.expr() + " (" + e.skip().reason()
                                + ")");
                    }
                }
            }
        }
    }

    /** Prints {@code text} under a title in a column wide enough for the longest title, "expected:". */
    private void block(String title, String text) {
        String pad = " ".repeat(12);
        String[] lines = text.split("\n", -1);
        out.println("  " + title + " ".repeat(pad.length() - 2 - title.length()) + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.println(pad + lines[i]);
        }
    }
}
