package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.SharedVariable;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;
import dev.dextrace.model.runtime.FreeRunningScheduler;
import dev.dextrace.model.runtime.Lane;
import dev.dextrace.model.runtime.ModelRuntime;
import dev.dextrace.model.scenario.Scenario;
import kotlin.Unit;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.DSLParallelScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

/**
 * One Lincheck model-checking search: a design under a scenario, two threads (the submitter and the
 * completer lane), up to a number of invocations (interleavings). An invocation fails when its
 * verdict is one the caller looks for; Lincheck then reports that interleaving.
 */
public final class LincheckSearch {
    /** A failing run: its verdict, its world (for a replay file), Lincheck's trace, when it was found. */
    public record Found(Verdict verdict, World world, String lincheckTrace, int invocation, long millis) {
    }

    /** How a search ended: {@code found} is null when every invocation of the budget passed. */
    public record Result(DesignEntry design, Scenario scenario, Found found, int invocations, long millis) {
    }

    /** What the running search needs inside Lincheck's invocations. Lincheck runs one search at a time. */
    static final class Job {
        private final DesignEntry design;
        private final Scenario scenario;
        private final Function<Verdict, String> failure;
        private final long startNanos = System.nanoTime();
        final AtomicInteger invocations = new AtomicInteger();
        final AtomicReference<Capture.Kept> kept = new AtomicReference<>();
        /** The world of the newest invocation: the one Lincheck stopped, when it reports a hang. */
        final AtomicReference<World> lastWorld = new AtomicReference<>();

        Job(DesignEntry design, Scenario scenario, Function<Verdict, String> failure) {
            this.design = design;
            this.scenario = scenario;
            this.failure = failure;
        }

        DesignEntry design() {
            return design;
        }

        Scenario scenario() {
            return scenario;
        }

        String failure(Verdict v) {
            return failure.apply(v);
        }

        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    private static volatile Job current;

    private LincheckSearch() {
    }

    static Job currentJob() {
        Job j = current;
        if (j == null) {
            throw new IllegalStateException("ScenarioRun is run by LincheckSearch.search, not on its own");
        }
        return j;
    }

    /**
     * Explores up to {@code invocations} interleavings of {@code scenario} on {@code design}.
     *
     * @param failure the failure message for a verdict the search looks for, or null to pass it
     * @throws LincheckAssertionError when Lincheck fails for another reason than a verdict or a hang of the driver
     */
    public static synchronized Result search(DesignEntry design, Scenario scenario, Function<Verdict, String> failure,
                                             int invocations) {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations must be >= 1, was " + invocations);
        }
        Job job = new Job(design, scenario, failure);
        current = job;
        try {
            options(invocations).check(ScenarioRun.class);
            return new Result(design, scenario, null, job.invocations.get(), job.elapsedMillis());
        } catch (LincheckAssertionError e) {
            Capture.Kept k = job.kept.get();
            String trace = e.getMessage();
            if (k == null && Capture.isHang(trace)) {
                // Lincheck's own hang detection ended an interleaving in which every thread spins or waits
                k = Capture.hung(job);
                if (k == null) { // a hang the search does not look for: nothing past it can be searched
                    return new Result(design, scenario, null, job.invocations.get(), job.elapsedMillis());
                }
                trace = job.failure(k.verdict()) + "\n" + trace;
            }
            if (k == null) {
                throw e;
            }
            return new Result(design, scenario, new Found(k.verdict(), k.world(), trace, k.invocation(), k.millis()),
                    k.invocation(), job.elapsedMillis());
        } finally {
            current = null;
        }
    }

    private static ModelCheckingOptions options(int invocations) {
        return modelChecking()
                .iterations(0) // only the custom scenario below
                .invocationsPerIteration(invocations)
                .addCustomScenario(b -> {
                    b.parallel(p -> {
                        thread(p, "submitter");
                        thread(p, "completer");
                        return Unit.INSTANCE;
                    });
                    return Unit.INSTANCE;
                })
                .minimizeFailedScenario(false)
                .verifier(EpsilonVerifier.class); // the operations return nothing; the verdict is judged in ScenarioRun
    }

    /**
     * Lincheck's model checker set up for the model. Bookkeeping that is not under test is not explored:
     * judging a run (one thread, after the lanes), the monitor (one atomic step per protocol event, a
     * switch point before it), the per-thread execution context, and the JDK's and vavr's insides (a call
     * is one step). Without this an invocation costs about a second and the search drowns in collection
     * internals.
     */
    public static ModelCheckingOptions modelChecking() {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .addGuarantee(forClasses(ExecutionContext.class.getName(), Frame.class.getName(), Capture.class.getName())
                        .allMethods().ignore())
                .addGuarantee(forClasses(LincheckSearch::libraryInternals).allMethods().treatAsAtomic())
                .addGuarantee(forClasses(ProtocolMonitor.class.getName()).allMethods().treatAsAtomic())
                .addGuarantee(forClasses(Framework.class.getName()).methods("join").ignore())
                // the lanes' idle loop reads through JDK calls, which Lincheck's await-loop analysis cannot follow
                .enableAwaitLoopsAnalysis(false);
        ONE_STEP.forEach((c, methods) -> o.addGuarantee(forClasses(c).methods(methods).treatAsAtomic()));
        return o;
    }

    /**
     * The model's own steps that run no driver code: each is one step for Lincheck, with a switch point
     * before it, as a protocol event is. Their insides (the hardware posting an interrupt, a queue taking
     * a block, the framework classifying a completion under its lock) are bookkeeping; left open, they
     * add hundreds of switch points per run where no other thread can observe anything new, and the
     * search spends its budget there instead of between the dext's own steps. What may run driver code
     * (a queue running a block, a two-way call, an action's Aborted handler) stays open.
     */
    static final Map<String, String[]> ONE_STEP = oneStep(Map.ofEntries(
            Map.entry(HostBusAdapter.class.getName(), new String[]{"start", "release", "pollCompletion", "hasRunnable",
                    "tryRunOne", "isQuiet"}),
            Map.entry(IOInterruptDispatchSource.class.getName(), new String[]{"fire"}),
            Map.entry(SharedVariable.class.getName(), new String[]{"get", "set"}),
            Map.entry(DriverKit.class.getName(), new String[]{"event", "eventAndApply", "beginWait", "endWait", "queue"}),
            Map.entry(Framework.class.getName(), new String[]{"chooseBundle", "issueBundleNow", "beginProcess", "dextTouch",
                    "viewGeneration", "senseOverrun", "bundledParallelTaskCompletion", "parallelTaskCompletion", "post", "slot",
                    "isWithDext", "deliveredGeneration", "deliveredCommandIsOver"}),
            Map.entry(OSAction.class.getName(), new String[]{"label", "retain", "Cancel", "checkCompletion"}),
            Map.entry(SlotBuffer.class.getName(), new String[]{"get"}),
            Map.entry(SlotIndexArray.class.getName(), new String[]{"get", "count"}),
            Map.entry(SCSIUserParallelTask.class.getName(), publicAndPrivate(SCSIUserParallelTask.class)),
            Map.entry(SCSIUserParallelResponse.class.getName(), publicAndPrivate(SCSIUserParallelResponse.class)),
            Map.entry(World.class.getName(), new String[]{"lane"}),
            Map.entry(IODispatchQueue.class.getName(), new String[]{"dispatchAsync", "hasRunnable", "isQuiet", "OnQueue"}),
            Map.entry("dev.dextrace.model.framework.KernelWorkLoop", new String[]{"post", "hasRunnable", "isQuiet"}),
            Map.entry(Lane.class.getName(), new String[]{"hasWork"}),
            Map.entry(ModelRuntime.class.getName(), new String[]{"lane", "stopped", "enterLane", "scheduler"}),
            Map.entry(FreeRunningScheduler.class.getName(), new String[]{"switchPoint", "signal"})));

    /** Every method of a value class whose accessors each are one event (a read or write of a slot field). */
    private static String[] publicAndPrivate(Class<?> c) {
        return java.util.Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isSynthetic()).map(java.lang.reflect.Method::getName)
                .distinct().toArray(String[]::new);
    }

    /** Fails at once, naming it, if a method listed above no longer exists (a rename would silently reopen it). */
    private static Map<String, String[]> oneStep(Map<String, String[]> methods) {
        methods.forEach((className, names) -> {
            Class<?> c;
            try {
                c = Class.forName(className, false, LincheckSearch.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("no class " + className + " (LincheckSearch.ONE_STEP)", e);
            }
            for (String name : names) {
                if (java.util.Arrays.stream(c.getDeclaredMethods()).noneMatch(m -> m.getName().equals(name))) {
                    throw new IllegalStateException(className + " has no method " + name + " (LincheckSearch.ONE_STEP)");
                }
            }
        });
        return methods;
    }

    /**
     * The JDK and vavr, whose insides are one step each; but not the functional interfaces: a guarantee
     * applies to the method a call site names, and a queue runs each block (Process, an interrupt
     * handler, a completion) through {@code Runnable.run()}, so treating those as atomic would run every
     * block of driver code without a single switch inside it.
     */
    static boolean libraryInternals(String className) {
        return (className.startsWith("java.") || className.startsWith("io.vavr."))
                && !className.equals(Runnable.class.getName())
                && !className.startsWith("java.util.function.")
                && !className.equals(java.util.concurrent.Callable.class.getName());
    }

    private static void thread(DSLParallelScenario p, String operation) {
        p.thread(t -> {
            try {
                t.actor(ReflectJvmMapping.getKotlinFunction(ScenarioRun.class.getMethod(operation)));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            return Unit.INSTANCE;
        });
    }
}
