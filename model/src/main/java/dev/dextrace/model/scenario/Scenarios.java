package dev.dextrace.model.scenario;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.framework.TaskManagementFunction;
import dev.dextrace.model.hardware.FaultSpace;
import dev.dextrace.model.hardware.HbaFault;
import io.vavr.collection.List;

/**
 * The scenarios every engine runs (issue 3's list). Hardware is zero-latency throughout. Faults of the
 * hardware (PROTOCOL.md §9) are a dimension inside these scenarios: a fixed plan in most, each engine
 * meeting them in the runs it already makes; a space the run chooses from in {@link #FAULTS_CHOSEN_PER_RUN}.
 */
public final class Scenarios {
    private static final FrameworkConfig BASE = FrameworkConfig.defaults();

    public static final Scenario COMPLETION_RACES_SUBMISSION = new Scenario("completion-races-submission",
            "Zero-latency hardware completes a slot while Process is still looping over its bundle of 3; the first"
                    + " command started fails with CHECK_CONDITION and autosense data, the third with a delivery failure.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.hardware().failInOrder(HbaFault.CHECK_CONDITION, HbaFault.GOOD, HbaFault.DELIVERY_FAILURE);
                w.submit(Command.testUnitReady(0), Command.testUnitReady(1), Command.testUnitReady(2));
            });

    public static final Scenario COMPLETION_RACES_REISSUE = new Scenario("completion-races-reissue",
            "Bundles of 2 on every slot and 2 more commands: each returned slot is reissued at once, in the completing thread.",
            DriverDesign.Path.BUNDLED, BASE.withMaxBundle(2),
            w -> w.framework().submit(java.util.Collections.nCopies(w.framework().slotCount() + 2, Command.testUnitReady(0))));

    public static final Scenario RELEASE_RACES_COMPLETION = new Scenario("release-races-completion",
            "One action per bundle, released by the framework when Process returns, against completions through it.",
            DriverDesign.Path.BUNDLED, BASE.with(FrameworkConfig.CompletionAction.PER_BUNDLE),
            w -> w.submit(Command.testUnitReady(0), Command.testUnitReady(1)));

    public static final Scenario TIMEOUT_RACES_COMPLETION = new Scenario("timeout-races-completion",
            "The kernel's timeout of a command against the dext's completion of it.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.submit(Command.testUnitReady(0));
                w.framework().fireTimeout(0);
            });

    public static final Scenario TWO_COMPLETION_PATHS = new Scenario("two-completion-paths",
            "A bundle mixing TEST UNIT READY and READ(10), so designs with two completion paths use both; the hardware"
                    + " moves half of the second command's bytes, answers BUSY to the third and TASK_SET_FULL to the fourth.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.hardware().failInOrder(HbaFault.GOOD, HbaFault.PARTIAL_TRANSFER, HbaFault.BUSY, HbaFault.TASK_SET_FULL);
                w.submit(Command.testUnitReady(0), Command.read(0, 0, 8), Command.testUnitReady(1), Command.read(1, 64, 8));
            });

    public static final Scenario LEGACY_PATH = new Scenario("legacy-path",
            "The legacy two-way path, two commands, the first failing with CHECK_CONDITION, the second with a delivery"
                    + " failure; designs decide on QUEUENAME redirection of the I/O method.",
            DriverDesign.Path.LEGACY, BASE,
            w -> {
                w.hardware().failInOrder(HbaFault.CHECK_CONDITION, HbaFault.DELIVERY_FAILURE);
                w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
            });

    public static final Scenario ABORT_RACES_COMPLETION = new Scenario("abort-races-completion",
            "Two commands; once Process returned, the kernel aborts the first (UserAbortTaskRequest with its tag, on Default)"
                    + " while its completion is on the way; an answer of FUNCTION_COMPLETE completes it (PROTOCOL.md §9).",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
                w.framework().taskManagement(TaskManagementFunction.ABORT_TASK, 0);
            });

    public static final Scenario REMOVAL_RACES_COMPLETION = new Scenario("removal-races-completion",
            "Commands to targets 0 and 1; target 0 goes away: once Process returned, the kernel force-completes its command"
                    + " (DeviceNotPresent) while the dext's completion is on the way, which then comes late.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
                w.framework().removeTarget(0);
            });

    public static final Scenario STOP_WITH_IO_OUTSTANDING = new Scenario("stop-with-io-outstanding",
            "Two commands, the second failing with CHECK_CONDITION; UserStopController runs once Process returned, racing"
                    + " their completions: the dext must complete or abandon them and release every action it holds.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.hardware().failInOrder(HbaFault.GOOD, HbaFault.CHECK_CONDITION);
                w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
                w.framework().stopWithIoOutstanding();
            });

    // The legacy path's breadth (issue 12): the kernel's own acts, each racing a task's completion once
    // UserProcessParallelTask returned. Removal is left out: on this path it is the stop's force-completion per target.

    public static final Scenario LEGACY_TIMEOUT_RACES_COMPLETION = new Scenario("legacy-timeout-races-completion",
            "The legacy path: the kernel's timeout of a task against the dext's ParallelTaskCompletion of it.",
            DriverDesign.Path.LEGACY, BASE,
            w -> {
                w.submit(Command.testUnitReady(0));
                w.framework().fireTimeout(0);
            });

    public static final Scenario LEGACY_ABORT_RACES_COMPLETION = new Scenario("legacy-abort-races-completion",
            "The legacy path, two commands; once UserProcessParallelTask returned, the kernel aborts the first (UserAbortTaskRequest"
                    + " on Default) while its completion is on the way; FUNCTION_COMPLETE completes the task (PROTOCOL.md §9).",
            DriverDesign.Path.LEGACY, BASE,
            w -> {
                w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
                w.framework().taskManagement(TaskManagementFunction.ABORT_TASK, 0);
            });

    public static final Scenario LEGACY_STOP_WITH_IO_OUTSTANDING = new Scenario("legacy-stop-with-io-outstanding",
            "The legacy path, two commands, the second failing with CHECK_CONDITION; UserStopController races their completions:"
                    + " the dext must complete or abandon them and release every action it retained.",
            DriverDesign.Path.LEGACY, BASE,
            w -> {
                w.hardware().failInOrder(HbaFault.GOOD, HbaFault.CHECK_CONDITION);
                w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
                w.framework().stopWithIoOutstanding();
            });

    /**
     * The faults a command may meet where the run chooses (issue 12): every error path a dext has for a finished
     * command. The lost interrupt is left out: in a jcstress sample the stuck-run timeout that answers it never comes.
     */
    public static final FaultSpace ERROR_PATHS = FaultSpace.eachOf(3, HbaFault.GOOD, HbaFault.CHECK_CONDITION, HbaFault.BUSY,
            HbaFault.TASK_SET_FULL, HbaFault.DELIVERY_FAILURE, HbaFault.PARTIAL_TRANSFER);

    public static final Scenario FAULTS_CHOSEN_PER_RUN = new Scenario("faults-chosen-per-run",
            "TEST UNIT READY and READ(10) to two targets; the run chooses how the hardware finishes each of the first three"
                    + " commands started (the two, then a resend or a retry): GOOD, CHECK_CONDITION with autosense, BUSY,"
                    + " TASK_SET_FULL (the kernel resends it), a delivery failure or a partial transfer.",
            DriverDesign.Path.BUNDLED, BASE,
            w -> {
                w.hardware().mayFail(ERROR_PATHS);
                w.submit(Command.testUnitReady(0), Command.read(1, 0, 8));
            });

    private static final List<Scenario> ALL = List.of(COMPLETION_RACES_SUBMISSION, COMPLETION_RACES_REISSUE,
            RELEASE_RACES_COMPLETION, TIMEOUT_RACES_COMPLETION, TWO_COMPLETION_PATHS, LEGACY_PATH,
            ABORT_RACES_COMPLETION, REMOVAL_RACES_COMPLETION, STOP_WITH_IO_OUTSTANDING,
            LEGACY_TIMEOUT_RACES_COMPLETION, LEGACY_ABORT_RACES_COMPLETION, LEGACY_STOP_WITH_IO_OUTSTANDING,
            FAULTS_CHOSEN_PER_RUN);

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    /** A scenario by name; {@code <name>+lanes-cc} is it in another lane mapping ({@link Scenario#inLaneMapping}). */
    public static Scenario byName(String name) {
        LaneMapping.Named n = LaneMapping.parse(name == null ? "" : name);
        Scenario s = ALL.find(x -> x.name().equals(n.base())).getOrElseThrow(() -> new IllegalArgumentException(
                "scenario '" + name + "' does not exist; scenarios: " + ALL.map(Scenario::name).mkString(", ")));
        return n.mapping().equals(LaneMapping.FIRST) ? s : s.inLaneMapping(n.mapping());
    }

    /** Scenarios for a filter: "all"/empty or a comma-separated list of names. */
    public static List<Scenario> select(String filter) {
        if (filter == null || filter.isBlank() || filter.equals("all")) {
            return ALL;
        }
        return List.of(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Scenarios::byName);
    }

    /** The scenarios that apply to a design. */
    public static List<Scenario> forDesign(DesignEntry d) {
        return ALL.filter(s -> s.appliesTo(d));
    }
}
