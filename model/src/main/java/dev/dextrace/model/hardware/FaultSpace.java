package dev.dextrace.model.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The faults the HBA may give the commands the dext starts, in start order: start n meets one of
 * {@code options(n)}, which the run's {@link FaultChooser} picks; every start beyond the listed ones
 * meets GOOD. A fixed plan ({@link #plan}) is a space of one option per start. An option's index is the
 * order the scenario listed it in: option 0 is a start's default (GOOD in a space that lists it first),
 * any other counts as a fault the run chose.
 */
public record FaultSpace(List<List<HbaFault>> perStart) {
    /** No faults: every start meets GOOD. */
    public static final FaultSpace NONE = new FaultSpace(List.of());

    public FaultSpace {
        if (perStart == null || perStart.stream().anyMatch(o -> o == null || o.isEmpty() || o.stream().anyMatch(java.util.Objects::isNull)
                || new LinkedHashSet<>(o).size() != o.size())) {
            throw new IllegalArgumentException("faults: each start needs a non-empty list of distinct HbaFault values "
                    + Arrays.toString(HbaFault.values()));
        }
        perStart = perStart.stream().map(List::copyOf).toList();
    }

    /** The n-th start meets {@code faults[n]}, every later one GOOD. */
    public static FaultSpace plan(HbaFault... faults) {
        if (faults == null) {
            throw new IllegalArgumentException("faults must be a list of HbaFault values: " + Arrays.toString(HbaFault.values()));
        }
        return new FaultSpace(Arrays.stream(faults).map(f -> Arrays.asList(f)).toList());
    }

    /** The first {@code starts} starts may each meet any of {@code options}; later ones meet GOOD. */
    public static FaultSpace eachOf(int starts, HbaFault... options) {
        if (starts < 0 || options == null || options.length == 0) {
            throw new IllegalArgumentException("faults: starts must be >= 0 and options non-empty, of " + Arrays.toString(HbaFault.values()));
        }
        return new FaultSpace(java.util.Collections.nCopies(starts, List.of(options)));
    }

    /** What start {@code n} (0-based) may meet. */
    public List<HbaFault> options(int n) {
        return n < perStart.size() ? perStart.get(n) : List.of(HbaFault.GOOD);
    }

    /** Whether some start has more than one option (the run chooses). */
    public boolean chooses() {
        return perStart.stream().anyMatch(o -> o.size() > 1);
    }

    /**
     * Every assignment (the fault of each listed start) in which at most {@code maxChosen} starts meet another
     * option than their first, fewest first: what an exhaustive search enumerates within a bound. Each is
     * returned with how many faults it chose.
     */
    public List<Assignment> assignments(int maxChosen) {
        List<Assignment> out = new ArrayList<>();
        for (int k = 0; k <= maxChosen; k++) {
            collect(0, k, k, new ArrayList<>(), out);
        }
        return List.copyOf(out);
    }

    private void collect(int start, int left, int chosen, List<HbaFault> sofar, List<Assignment> out) {
        if (start == perStart.size()) {
            if (left == 0) {
                out.add(new Assignment(List.copyOf(sofar), chosen));
            }
            return;
        }
        List<HbaFault> options = perStart.get(start);
        for (int i = 0; i < options.size(); i++) {
            if (i > 0 && left == 0) {
                break;
            }
            sofar.add(options.get(i));
            collect(start + 1, i > 0 ? left - 1 : left, chosen, sofar, out);
            sofar.remove(sofar.size() - 1);
        }
    }

    /** One fault per listed start, and how many of them are not their start's first option. */
    public record Assignment(List<HbaFault> faults, int chosen) {
        public Assignment {
            faults = List.copyOf(faults);
        }
    }
}
