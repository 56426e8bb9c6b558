package io.strata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code strata bench jmh ...}: hands every argument to JMH's own command line. */
@Command(name = "jmh", description = "Run the JMH micro-benchmarks; arguments go to JMH (try: jmh -l, jmh -h).")
final class JmhCommand implements Callable<Integer> {
    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
        return 0;
    }
}
