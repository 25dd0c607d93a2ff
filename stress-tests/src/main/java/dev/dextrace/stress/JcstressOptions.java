package dev.dextrace.stress;

import dev.dextrace.engine.Budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jcstress options for a budget's sampling time. Each scenario is one fork per round (no split
 * compilation, one VM configuration), so a round costs about (JVM start + sampling) per design x scenario.
 */
final class JcstressOptions {
    // One fork and one iteration per round. -sc false: split compilation would fork once per compile mode.
    // Strides of 4 states, one stride per epoch: a sample is a whole world (about 1 ms on a busy machine), so
    // jcstress's footprint estimate (5 tries of each size up to strideSize x strideCount) ends at once instead
    // of costing a second per fork. THREAD_YIELD: on a machine shared with other builds, a spinning actor
    // would burn the time slice the other actor needs. -af NONE: no pinning. -pth false: no heap pre-touch.
    private static final List<String> BASE = List.of("-m", "quick", "-f", "1", "-iters", "1", "-strideSize", "4", "-strideCount", "1",
            "-spinStyle", "THREAD_YIELD", "-sc", "false", "-af", "NONE", "-pth", "false");

    private JcstressOptions() {
    }

    /** The budget's jcstress options with {@code extra} on top; jcstress refuses an option given twice, so later wins here. */
    static List<String> of(Budget.Jcstress budget, List<String> extra) {
        return merge(merge(BASE, List.of("-time", String.valueOf(budget.timeMillis()))), extra);
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
