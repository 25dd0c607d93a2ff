package dev.dextrace.stress;

import dev.dextrace.engine.Budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jcstress options for a budget's sampling time per scenario. A design's scenarios share one fork per round (no
 * split compilation, one VM configuration), which samples them in turn for their sampling times together
 * ({@link #withTime}), so a round costs about one JVM start per design plus the sampling.
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

    /** The sampling time per fork these options give ({@code -time}, ms). */
    static int timeMillis(List<String> args) {
        int at = args.lastIndexOf("-time");
        if (at < 0 || at + 1 >= args.size() || !args.get(at + 1).matches("\\d{1,9}")) {
            throw new IllegalArgumentException("-time needs a whole number of milliseconds, got " + args);
        }
        return Integer.parseInt(args.get(at + 1));
    }

    /** {@code args} with the sampling time per fork set to {@code timeMillis}. */
    static List<String> withTime(List<String> args, int timeMillis) {
        return merge(args, List.of("-time", String.valueOf(timeMillis)));
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
