package dev.dextrace.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long jcstress samples each design × scenario, as jcstress options. Each scenario is one fork (no
 * split compilation, one VM configuration), so a campaign costs about (JVM start + sampling) per
 * design × scenario on top of one probing phase. Numbers measured on 2 cores: see README.md.
 */
enum Budget {
    /** What {@code mvn verify} runs: every expected rule still shows up reliably, well within 5 minutes. */
    SMOKE(Duration.ofMinutes(8), "-m", "quick", "-f", "1", "-iters", "1", "-time", "700", "-strideSize", "64", "-strideCount", "8"),
    /** The campaign job: more samples per scenario for the rare interleavings. */
    FULL(Duration.ofMinutes(15), "-m", "quick", "-f", "1", "-iters", "2", "-time", "1000", "-strideSize", "64", "-strideCount", "16");

    final Duration defaultTimeout;
    final List<String> jcstressArgs;

    Budget(Duration defaultTimeout, String... jcstressArgs) {
        this.defaultTimeout = defaultTimeout;
        // -sc false: split compilation would fork once per compile mode; -af NONE: no pinning on a shared machine.
        List<String> args = new ArrayList<>(List.of(jcstressArgs));
        args.addAll(List.of("-sc", "false", "-af", "NONE", "-pth", "false"));
        this.jcstressArgs = List.copyOf(args);
    }
}
