package dev.dextrace.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long jcstress samples each design x scenario, as jcstress options. Each scenario is one fork per
 * round (no split compilation, one VM configuration), so a round costs about (JVM start + sampling) per
 * design x scenario. A wrong design whose expected rules have not all shown up gets another round, up to
 * {@link #rounds}: rare interleavings get the time, common ones do not waste it. Measured on 2 cores: README.md.
 */
enum Budget {
    /** What {@code mvn verify} runs: every expected rule still shows up reliably, well within 5 minutes. */
    SMOKE(Duration.ofMinutes(8), 3, "-time", "300"),
    /** The campaign job: a longer sampling time per fork, for rarer interleavings and rarer false alarms. */
    FULL(Duration.ofMinutes(15), 3, "-time", "500");

    final Duration defaultTimeout;
    final int rounds;
    final List<String> jcstressArgs;

    Budget(Duration defaultTimeout, int rounds, String... jcstressArgs) {
        this.defaultTimeout = defaultTimeout;
        this.rounds = rounds;
        // One fork and one iteration per round. -sc false: split compilation would fork once per compile mode.
        // Strides of 4 states, one stride per epoch: a sample is a whole world (about 1 ms on a busy machine), so
        // jcstress's footprint estimate (5 tries of each size up to strideSize x strideCount) ends at once instead
        // of costing a second per fork. THREAD_YIELD: on a machine shared with other builds, a spinning actor
        // would burn the time slice the other actor needs. -af NONE: no pinning. -pth false: no heap pre-touch.
        this.jcstressArgs = merge(List.of("-m", "quick", "-f", "1", "-iters", "1", "-strideSize", "4", "-strideCount", "1",
                "-spinStyle", "THREAD_YIELD", "-sc", "false", "-af", "NONE", "-pth", "false"), List.of(jcstressArgs));
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
