package dev.dextrace.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        this.jcstressArgs = merge(List.of(jcstressArgs), List.of("-sc", "false", "-af", "NONE", "-pth", "false"));
    }

    /** This budget's jcstress options with {@code extra} on top; jcstress refuses an option given twice, so later wins here. */
    List<String> jcstressArgs(List<String> extra) {
        return merge(jcstressArgs, extra);
    }

    private static List<String> merge(List<String> base, List<String> extra) {
        Map<String, String> options = new LinkedHashMap<>();
        for (List<String> args : List.of(base, extra)) {
            for (int i = 0; i < args.size(); i++) {
                boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
                options.put(args.get(i), hasValue ? args.get(++i) : null);
            }
        }
        List<String> merged = new ArrayList<>();
        options.forEach((option, value) -> {
            merged.add(option);
            if (value != null) {
                merged.add(value);
            }
        });
        return List.copyOf(merged);
    }
}
