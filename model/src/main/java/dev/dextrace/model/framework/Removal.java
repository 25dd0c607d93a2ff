package dev.dextrace.model.framework;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.monitor.EventKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel ending tasks the dext still holds (PROTOCOL.md §9): target removal force-completes the
 * target's outstanding tasks with DeviceNotPresent, each once its submit call returned [code]; the
 * controller's stop with I/O outstanding runs UserStopController once every submit call returned,
 * then force-completes what is left, stops issuing and tears its completion actions down ({@link Boot}).
 * A later completion by the dext is late and dropped (§6); through a torn-down action it is ACT-3.
 */
final class Removal {
    private final SlotPool pool;
    private final DriverKit dk;
    private final SubmitReturns submits;
    private final KernelWorkLoop kernel;
    private final Boot boot;
    private final Runnable issueMore;

    Removal(SlotPool pool, SubmitReturns submits, KernelWorkLoop kernel, Boot boot, Runnable issueMore) {
        this.pool = pool;
        this.dk = pool.dk;
        this.submits = submits;
        this.kernel = kernel;
        this.boot = boot;
        this.issueMore = issueMore;
    }

    /** Queues the removal of target {@code target}, after the kernel's earlier work. */
    void removeTarget(long target) {
        kernel.post("remove target " + target, () -> {
            dk.event(new Payload.TargetRemoved(target));
            for (Slot s : pool.slots) {
                TaskData c = s.command;
                int gen = s.generation;
                if (c != null && s.inFlight() && c.fTargetID() == target) {
                    submits.whenReturned(s, gen, "force-complete slot " + s.index, () -> {
                        if (forceComplete(s, gen, "target " + target + " removed")) {
                            issueMore.run();
                        }
                    });
                }
            }
        });
    }

    /** Queues UserStopController while commands may be in flight, after the kernel's earlier work. */
    void stopWithIoOutstanding() {
        kernel.post("stop with I/O outstanding", () -> {
            List<Slot> held = new ArrayList<>();
            List<Integer> gens = new ArrayList<>();
            for (Slot s : pool.slots) {
                if (s.inFlight()) {
                    held.add(s);
                    gens.add(s.generation);
                }
            }
            afterSubmits(held, gens, 0, this::stopNow);
        });
    }

    /** Runs {@code then} once the submit calls of held[k..] have returned. */
    private void afterSubmits(List<Slot> held, List<Integer> gens, int k, Runnable then) {
        if (k == held.size()) {
            then.run();
        } else {
            submits.whenReturned(held.get(k), gens.get(k), "stop waits for slot " + held.get(k).index,
                    () -> afterSubmits(held, gens, k + 1, then));
        }
    }

    private void stopNow() {
        if (!boot.stop()) {
            return;
        }
        List<InFlight> all = new ArrayList<>(List.of(pool.slots));
        all.addAll(List.of(pool.tasks));
        for (InFlight f : all) {
            if (f.inFlight()) {
                forceComplete(f, f.generation(), "controller stopped");
            }
        }
        boot.tearDownActions();
        boot.reportActionsStillHeld("when UserStopController returned with I/O outstanding");
    }

    /** The kernel completes generation gen of f itself (SERVICE_DELIVERY_OR_TARGET_FAILURE); true if it was still the dext's. */
    private boolean forceComplete(InFlight f, int gen, String why) {
        return pool.kernelCompletes(f, gen, new Payload.KernelCompletes(f.unit(), f.index(), gen, f.action(), why, "(DeviceNotPresent)"),
                true, () -> f.takeBack(gen)) != null;
    }
}
