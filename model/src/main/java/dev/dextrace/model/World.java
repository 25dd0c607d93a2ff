package dev.dextrace.model;

import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.DriverFrames;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.hardware.Raid0;
import dev.dextrace.model.monitor.Invariant;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ControlledScheduler;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.FreeRunningScheduler;
import dev.dextrace.model.runtime.Lane;
import dev.dextrace.model.runtime.ModelRuntime;
import dev.dextrace.model.runtime.Scheduler;
import dev.dextrace.model.runtime.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run of the protocol: a driver, the framework, the hardware, the queues, the monitor and the
 * threads, wired together and booted. Build one per run with {@link #builder}; submit work; then
 * {@link #run} (own threads) or drive the lanes from threads of your own (jcstress, Lincheck) and
 * call {@link #finish}.
 */
public final class World {
    /** Two lanes for a 2-core machine: the kernel and Default on one, the hardware on the other, the dext's queues alternating ({@link TwoLanes}). */
    public static final String SUBMITTER = "submitter";
    public static final String COMPLETER = "completer";

    private final DriverKit dk;
    private final ProtocolMonitor monitor;
    private final ModelRuntime runtime;
    private final Framework framework;
    private final HostBusAdapter hba;
    private final IOUserSCSIParallelInterfaceController driver;
    private final ControlledScheduler controlled;
    private volatile Verdict verdict;
    private volatile long startSeq = -1;
    private final Stall stall = new Stall();

    private World(Builder b) {
        AtomicReference<ProtocolMonitor> m = new AtomicReference<>();
        Scheduler scheduler = b.strategy == null ? new FreeRunningScheduler()
                : new ControlledScheduler(b.strategy, () -> m.get().lastEvent());
        this.controlled = scheduler instanceof ControlledScheduler c ? c : null;
        // a mapping of its own per world, made now: the builder's mapping choice may come after twoLanes()
        this.runtime = new ModelRuntime(scheduler, b.laneOf instanceof TwoLanes ? new TwoLanes(b.laneMapping) : b.laneOf, b.ownThreads);
        List<Invariant> invariants = new ArrayList<>();
        b.invariants.forEach(s -> invariants.add(s.get()));
        this.monitor = new ProtocolMonitor(scheduler, invariants, b.maxEvents, b.keepTrace);
        m.set(monitor);
        this.dk = new DriverKit(monitor, runtime);
        runtime.onLaneEntry(dk::bindThisThread);
        onThisThread();
        this.driver = b.driver.get();
        if (driver == null) {
            throw new IllegalArgumentException("driver supplier returned null");
        }
        dev.dextrace.model.ivars.Ivars.instrument(driver.getClass()); // its plain state is observed from boot on
        this.hba = b.raid0 ? new Raid0(dk, b.latencyNanos) : new HostBusAdapter(dk, b.latencyNanos);
        hba.chooseFaultsWith(b.faults);
        IODispatchQueue defaultQueue = IODispatchQueue.create(dk, IODispatchQueue.DEFAULT, 0);
        FrameworkConfig config = b.strategy == null ? b.config : b.config.withRealTimeTimeouts(false);
        this.framework = new Framework(dk, config, driver, hba, defaultQueue);
        driver.attach(framework, hba);
        runtime.settleWhen(framework::workDone);
        runtime.whenQuiescent(framework::onQuiescent);
        runtime.onHang(this::reportHang);
        framework.boot();
    }

    public static Builder builder(Supplier<? extends IOUserSCSIParallelInterfaceController> driver) {
        return new Builder(driver);
    }

    /** Binds the calling thread to this world as the kernel, so it can submit work and make DriverKit calls. */
    public World onThisThread() {
        ExecutionContext.enter("kernel");
        dk.bindThisThread();
        return this;
    }

    public Framework framework() {
        return framework;
    }

    public ProtocolMonitor monitor() {
        return monitor;
    }

    public DriverKit driverKit() {
        return dk;
    }

    public ModelRuntime runtime() {
        return runtime;
    }

    public IOUserSCSIParallelInterfaceController driver() {
        return driver;
    }

    public HostBusAdapter hardware() {
        return hba;
    }

    /** The decisions a controlled run took (empty for a free run). */
    public List<String> decisions() {
        return controlled == null ? List.of() : controlled.decisions();
    }

    /** Queues commands for the framework to bundle into free slots. */
    public World submit(Command... commands) {
        framework.submit(List.of(commands));
        return this;
    }

    /** Issues one bundle of TEST UNIT READY commands on exactly these slots, e.g. {@code issue(2, 5, 18)}. */
    public World issue(int... slots) {
        List<Command> cmds = new ArrayList<>();
        for (int ignored : slots == null ? new int[0] : slots) {
            cmds.add(Command.testUnitReady(0));
        }
        framework.issueBundle(slots, cmds);
        return this;
    }

    /**
     * A script step on the kernel's thread, after the kernel's earlier work: waits until {@code when}
     * holds (as a blocked thread, so a controlled run goes on with the others), then does {@code then}.
     */
    public World step(String label, java.util.function.BooleanSupplier when, Runnable then) {
        framework.post(label, () -> {
            runtime.scheduler().await(when, label);
            then.run();
        });
        return this;
    }

    @AtomicStep("a map lookup")
    public Lane lane(String name) {
        return runtime.lane(name);
    }

    /** Lets the lanes go (for a world whose lanes are run by the caller's threads). */
    public World start() {
        startSeq = monitor.eventCount();
        runtime.start();
        return this;
    }

    /** The lane of every event since {@link #start()}, in order: what a controlled run needs to replay this one. */
    public List<String> lanesSinceStart(Verdict v) {
        long from = startSeq < 0 ? 0 : startSeq;
        return v.events().filter(e -> e.seq() >= from).map(ProtocolEvent::lane).toJavaList();
    }

    /**
     * A block that makes no protocol event that changes state (reads do not count: a loop polling a
     * plain flag spins) for this long while it runs is stuck (HANG-1): far longer
     * than any step of a correct design takes even on a loaded machine, short enough that a campaign
     * finds a spinning design in seconds.
     */
    public static final Duration STALL = Duration.ofSeconds(2);

    /**
     * {@link #STALL} counted in a controlled run's decisions (every lane step passes a switch point there): a spin is
     * HANG-1 in milliseconds. Generous: the catalogue's longest run takes ~200 decisions in all. A spin with no switch
     * point (a pure local loop) still meets the wall-clock bound (docs/decisions.md, "Controlled engine's cost").
     */
    public static final int STALL_DECISIONS = 10_000;

    /**
     * Starts the lanes on threads of the world's own, waits until the run settles, and judges it. A run
     * that does not settle within {@code timeout}, or whose running block makes no event for
     * {@link #STALL}, is HANG-1 and is stopped.
     */
    public Verdict run(Duration timeout) {
        start();
        String notSettled = runtime.awaitSettled(timeout, this::stuck);
        if (notSettled != null) {
            runtime.hang(notSettled);
        }
        return finish();
    }

    /**
     * Why this run is stuck, or null: no event for {@link #STALL} (or {@link #STALL_DECISIONS}) while a block runs (it spins or waits
     * forever). For one watcher at a time: {@link #run}, or an engine's watchdog that drives the lanes itself.
     */
    public String stuck() {
        return stall.check();
    }

    private final class Stall {
        private long events = -1;
        private long since;
        private long decisionsSince;

        String check() {
            long now = System.nanoTime();
            long count = monitor.changeCount();
            long decisions = controlled == null ? 0 : controlled.decisionCount();
            if (count != events || !dk.busy()) {
                events = count;
                since = now;
                decisionsSince = decisions;
                return null;
            }
            if (decisions - decisionsSince >= STALL_DECISIONS) {
                return "no block made progress in " + STALL_DECISIONS + " switch points"; // at least: the check polls
            }
            return now - since >= STALL.toNanos() ? "no block made progress for " + STALL.toMillis() + " ms" : null;
        }
    }

    /**
     * Stops a run that hangs and files HANG-1 (for engines that drive the lanes from their own threads,
     * e.g. a watchdog of a jcstress fork). Returns the verdict so far without draining: the stuck
     * threads may never come back. Once a run has stopped, this only returns the verdict.
     */
    public Verdict abandon(String why) {
        runtime.hang(why);
        return monitor.verdict(runtime.stopReason());
    }

    /** Files HANG-1 while the stuck threads are still where they got stuck. */
    private void reportHang(String why) {
        Optional<IODispatchQueue> spinning = dk.spinningQueue();
        // a fault names the queue it happened on, or none (the monitor's convention for "outside any block")
        monitor.fault(Rule.HANG_1, why + ": " + dk.stuckReport(), spinning.map(IODispatchQueue::name).orElse(null),
                spinning.map(IODispatchQueue::owner).map(Thread::getName).orElse(null));
    }

    /**
     * Judges the run once: what the lanes left is drained on this thread (timeouts included), then the
     * end-of-run rules are checked: actions the dext still holds (ACT-1) and user invariants.
     */
    public synchronized Verdict finish() {
        if (verdict != null) {
            return verdict;
        }
        onThisThread();
        if (!runtime.stopped() || "settled".equals(runtime.stopReason())) {
            try {
                runtime.drain();
            } catch (RuntimeException | Error e) {
                monitor.fault(Rule.EXC_1, "finishing the run threw " + DriverFrames.describe(e), null, Thread.currentThread().getName());
            }
        }
        if (framework.workDone() && !framework.stopped()) { // a stop with I/O outstanding checked the actions already
            try {
                framework.stop();
            } catch (RuntimeException | Error e) {
                monitor.fault(Rule.EXC_1, "UserStopController threw " + DriverFrames.describe(e), null, Thread.currentThread().getName());
            }
            framework.reportActionsStillHeld("at the end: every command is done, so the dext leaked it");
        }
        monitor.runEnded();
        String reason = runtime.stopped() ? runtime.stopReason() : (framework.workDone() ? "settled" : "unfinished");
        verdict = monitor.verdict(reason);
        return verdict;
    }

    /** How a world is made. Defaults: free-running, one lane per mailbox, zero-latency HBA, default config. */
    public static final class Builder {
        private final Supplier<? extends IOUserSCSIParallelInterfaceController> driver;
        private FrameworkConfig config = FrameworkConfig.defaults();
        private long latencyNanos;
        private boolean raid0;
        private Strategy strategy;
        private Function<String, String> laneOf = ModelRuntime.ONE_LANE_PER_MAILBOX;
        private boolean ownThreads = true;
        private LaneMapping laneMapping = LaneMapping.FIRST;
        private int maxEvents = 100_000;
        private boolean keepTrace = true;
        private FaultChooser faults = FaultChooser.first();
        private final List<Supplier<? extends Invariant>> invariants = new ArrayList<>();

        private Builder(Supplier<? extends IOUserSCSIParallelInterfaceController> driver) {
            if (driver == null) {
                throw new IllegalArgumentException("driver must not be null");
            }
            this.driver = driver;
        }

        public Builder config(FrameworkConfig c) {
            if (c == null) {
                throw new IllegalArgumentException("config must not be null");
            }
            this.config = c;
            return this;
        }

        /** @throws IllegalArgumentException if negative (0 = the interrupt fires before start returns) */
        public Builder latencyNanos(long ns) {
            if (ns < 0) {
                throw new IllegalArgumentException("latencyNanos must be >= 0 (0 = completes before start returns), was " + ns);
            }
            this.latencyNanos = ns;
            return this;
        }

        /** The seed's RAID-0 pair of disks instead of a single-disk HBA. */
        public Builder raid0() {
            this.raid0 = true;
            return this;
        }

        /** One thread at a time, switching at protocol events in the order the strategy picks. */
        public Builder controlled(Strategy s) {
            if (s == null) {
                throw new IllegalArgumentException("strategy must not be null");
            }
            this.strategy = s;
            return this;
        }

        /** Which lane each queue of the dext's goes to under {@link #twoLanes} (the first mapping unless a scenario says otherwise). */
        public Builder laneMapping(LaneMapping m) {
            if (m == null) {
                throw new IllegalArgumentException("laneMapping must not be null");
            }
            this.laneMapping = m;
            return this;
        }

        /** Two lanes (submitter, completer) run by threads the caller brings, as jcstress actors do. */
        public Builder twoLanesDrivenByCaller() {
            this.laneOf = new TwoLanes(laneMapping);
            this.ownThreads = false;
            return this;
        }

        /** Two lanes (submitter, completer) on threads of the world's own. */
        public Builder twoLanes() {
            this.laneOf = new TwoLanes(laneMapping);
            return this;
        }

        /** @throws IllegalArgumentException if below 1 */
        public Builder maxEvents(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxEvents must be >= 1, was " + n);
            }
            this.maxEvents = n;
            return this;
        }

        /** Keeps no event log (verdicts still come): the "monitor off" configuration of the benchmarks. */
        public Builder withoutTrace() {
            this.keepTrace = false;
            return this;
        }

        /**
         * Who picks the fault each command meets where the scenario gives the hardware a choice ({@link
         * dev.dextrace.model.hardware.FaultSpace}); default: each start's first option.
         */
        public Builder faults(FaultChooser c) {
            if (c == null) {
                throw new IllegalArgumentException("fault chooser must not be null (FaultChooser.first(): each start's first option)");
            }
            this.faults = c;
            return this;
        }

        /** Adds a user invariant; the supplier makes a fresh instance per world. */
        public Builder invariant(Supplier<? extends Invariant> inv) {
            if (inv == null) {
                throw new IllegalArgumentException("invariant must not be null");
            }
            invariants.add(inv);
            return this;
        }

        /** Wires and boots the world on the calling thread. */
        public World build() {
            return new World(this);
        }
    }
}
