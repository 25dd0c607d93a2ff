package dev.dextrace.model.hardware;

import java.util.List;
import java.util.Random;

/**
 * Picks the fault each command the dext starts meets, from its start's options in the scenario's
 * {@link FaultSpace}: the run's own choice (a seed, a search's assignment, a recording). Deterministic given
 * its inputs, so the same seed or assignment meets the same faults.
 */
@FunctionalInterface
public interface FaultChooser {
    /**
     * @param start   how many commands were started before this one in the run
     * @param options what this start may meet, never empty
     * @return one of {@code options}
     */
    HbaFault choose(int start, List<HbaFault> options);

    /** Every start meets its first option: a fixed plan as written, GOOD in a space that lists it first. */
    static FaultChooser first() {
        return (start, options) -> options.get(0);
    }

    /** Uniformly at random per start; the seed fixes the faults. */
    static FaultChooser seeded(long seed) {
        Random random = new Random(seed);
        return (start, options) -> options.size() == 1 ? options.get(0) : options.get(random.nextInt(options.size()));
    }

    /**
     * Start n meets {@code faults[n]} where that is one of its options, else its first option (a run that then
     * met other faults than {@code faults} says so: {@link HostBusAdapter#faultsMet}).
     */
    static FaultChooser planned(List<HbaFault> faults) {
        List<HbaFault> plan = List.copyOf(faults);
        return (start, options) -> start < plan.size() && options.contains(plan.get(start)) ? plan.get(start) : options.get(0);
    }
}
