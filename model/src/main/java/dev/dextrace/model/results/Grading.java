package dev.dextrace.model.results;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;

import java.util.Set;
import java.util.TreeSet;

/**
 * How every engine grades what it saw against a design's declared expectation, in one place: the
 * outcome of one sample, the verdict for a design, and a violation as a report finding.
 */
public final class Grading {
    /** Outcome prefixes; a jcstress harness maps them to ACCEPTABLE_INTERESTING and FORBIDDEN. */
    public static final String CLEAN = "clean";
    public static final String EXPECTED = "EXPECTED ";
    public static final String UNEXPECTED = "UNEXPECTED ";

    private Grading() {
    }

    /**
     * One sample's outcome: {@code clean}; {@code EXPECTED <rules>} when every rule seen is foreseen
     * by the design; {@code UNEXPECTED <rules>} otherwise (on a design declared clean, any rule).
     */
    public static String outcome(DesignEntry design, Verdict verdict) {
        if (verdict.isClean()) {
            return CLEAN;
        }
        boolean foreseen = !design.declaredClean() && verdict.rules().forAll(design::foresees);
        return (foreseen ? EXPECTED : UNEXPECTED) + verdict.outcome();
    }

    /** The grade of a design (results.json's {@code verdict}), given the rules all engines together found. */
    public static Results.Grade grade(DesignEntry design, Set<String> found, boolean ran) {
        if (!ran) {
            return Results.Grade.NOT_RUN;
        }
        if (found.stream().anyMatch(r -> !design.foresees(r)) || (design.declaredClean() && !found.isEmpty())) {
            return Results.Grade.FALSE_ALARM;
        }
        return found.containsAll(design.violates().toJavaSet()) ? Results.Grade.AS_EXPECTED : Results.Grade.MISSED;
    }

    /**
     * A design's entry in results.json: what it declares, what was found, and the verdict over that.
     *
     * @param ran whether any engine ran it; when none did the verdict is "not run"
     */
    public static Results.Design design(DesignEntry design, Set<String> found, boolean ran,
                                        java.util.Map<String, Results.DesignEngine> engines, java.util.List<Results.Finding> findings) {
        return new Results.Design(design.name(), design.summary(), declared(design), design.violates().toJavaList(),
                java.util.List.copyOf(found), grade(design, found, ran), engines, findings);
    }

    /** A design selected but not run: listed, so a report shows it was. */
    public static Results.Design notRun(DesignEntry design) {
        return design(design, Set.of(), false, java.util.Map.of(), java.util.List.of());
    }

    public static Results.Declared declared(DesignEntry design) {
        return design.declaredClean() ? Results.Declared.CLEAN : Results.Declared.VIOLATES;
    }

    /** A violation as a report finding: its story as swimlane events, the violating one marked. */
    public static Results.Finding finding(String id, String engine, String scenario, Violation v,
                                          String lincheckTrace, String replayCommand) {
        return finding(id, engine, scenario, v, lincheckTrace, replayCommand, java.util.List.of());
    }

    /**
     * A finding whose run met {@code faultsMet} (the fault of each command the dext started, in start order): where one
     * was not GOOD, the message says which, so the card tells a driver engineer which error path the run took.
     */
    public static Results.Finding finding(String id, String engine, String scenario, Violation v,
                                          String lincheckTrace, String replayCommand, java.util.List<HbaFault> faultsMet) {
        long trigger = v.trigger() == null ? -1 : v.trigger().seq();
        Set<String> queues = new TreeSet<>();
        java.util.List<Results.Event> events = new java.util.ArrayList<>();
        for (ProtocolEvent e : v.events()) {
            queues.add(e.place());
            events.add(new Results.Event((int) e.seq(), e.place(), e.text(), e.seq() == trigger));
        }
        return new Results.Finding(id, engine, scenario, v.rule().id(),
                v.slot().isPresent() ? v.slot().getAsInt() : null, v.generation().isPresent() ? v.generation().getAsInt() : null,
                v.action().orElse(null), // results.json's schema: absent is null there
                java.util.List.copyOf(queues), v.message() + faults(faultsMet), events, lincheckTrace, replayCommand);
    }

    private static String faults(java.util.List<HbaFault> met) {
        return met.stream().allMatch(f -> f == HbaFault.GOOD) ? ""
                : " (the hardware's faults in this run, by command in start order: "
                + met.stream().map(HbaFault::name).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }
}
