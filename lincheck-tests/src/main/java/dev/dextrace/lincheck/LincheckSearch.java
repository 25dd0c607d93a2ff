package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.Lockset;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.driverkit.PlainState;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.ivars.Access;
import dev.dextrace.model.ivars.Site;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.AtomicSteps;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;
import dev.dextrace.model.scenario.Scenario;
import kotlin.Unit;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.DSLParallelScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
        warmUp(design, scenario);
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

    private static final Set<Class<?>> WARM = new HashSet<>();

    /**
     * Runs the design once in the scenario outside Lincheck before its first search in this JVM. Without it, the
     * first design a fresh JVM searched hung in every interleaving (Lincheck reports "execution has hung" after its
     * 30 s timeout): its classes were loaded, initialized and rewritten for the ivars inside Lincheck's managed
     * threads. The design that came second was searched normally, so a one-design campaign (a user's driver) never
     * got a Lincheck verdict.
     */
    private static void warmUp(DesignEntry design, Scenario scenario) {
        if (WARM.add(design.type())) {
            scenario.loadWithoutPreemption(design).run(Duration.ofSeconds(10));
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
                .addGuarantee(forClasses(PLAIN_STATE_CHECKS).allMethods().treatAsAtomic())
                // the lanes' idle loop reads through JDK calls, which Lincheck's await-loop analysis cannot follow
                .enableAwaitLoopsAnalysis(false);
        ONE_STEP.forEach((c, methods) -> o.addGuarantee(forClasses(c).methods(methods).treatAsAtomic()));
        return o;
    }

    /**
     * The check of each access to the dext's plain state (its ivars, rewritten by dev.dextrace.model.ivars): one step
     * per access, with a switch point before it, as a protocol event is; the access itself is inside the step when it
     * is an event. Left open, their lockset bookkeeping made 60 % of Lincheck's detailed trace of a run of a design with
     * plain ivars (every catalogue design; task-set-full-resend-lost in two-completion-paths: 4,057 lines, 1,552 without),
     * each a place to switch threads where the other thread could observe nothing new, and each paid for per interleaving.
     */
    static final String[] PLAIN_STATE_CHECKS = {Access.class.getName(), Site.class.getName(), PlainState.class.getName(),
            Lockset.class.getName()};

    /**
     * The model's own steps that run no driver code, as the model declares them ({@link AtomicStep}):
     * each is one step for Lincheck, with a switch point before it, as a protocol event is. Their
     * insides (the hardware posting an interrupt, a queue taking a block, the framework classifying a
     * completion under its lock) are bookkeeping; left open, they add hundreds of switch points per run
     * where no other thread can observe anything new, and the search spends its budget there instead of
     * between the dext's own steps. What may run driver code (a queue running a block, a two-way call,
     * an action's Aborted handler) stays open.
     */
    static final Map<String, String[]> ONE_STEP = oneStep(AtomicSteps.byClass());

    /** Fewer steps than this: the scan missed the model (a broken class path), and every search would drown. */
    static final int MIN_STEPS = 40;

    /** Fails at once if the model's steps were not found, rather than silently searching without them. */
    private static Map<String, String[]> oneStep(Map<String, java.util.Set<String>> found) {
        int total = found.values().stream().mapToInt(java.util.Set::size).sum();
        if (total < MIN_STEPS) {
            throw new IllegalStateException("found " + total + " @AtomicStep methods in the model, expected at least " + MIN_STEPS
                    + " (LincheckSearch.ONE_STEP): " + found);
        }
        for (Class<?> c : java.util.List.of(DriverKit.class, Framework.class, IODispatchQueue.class, SlotBuffer.class,
                HostBusAdapter.class, OSAction.class)) {
            if (!found.containsKey(c.getName())) {
                throw new IllegalStateException(c.getName() + " declares no @AtomicStep (LincheckSearch.ONE_STEP): " + found.keySet());
            }
        }
        Map<String, String[]> steps = new java.util.TreeMap<>();
        found.forEach((c, names) -> steps.put(c, names.toArray(String[]::new)));
        return java.util.Collections.unmodifiableMap(steps);
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
