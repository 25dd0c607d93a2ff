package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.driver.CommandTable;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Mailbox;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The framework's slot bookkeeping as a concurrent data structure. Operations: the kernel issues a
 * command (a free slot, or it waits for one), Default delivers one pending Process call, the dext
 * completes a slot it holds (returned slots go at once to waiting commands: reissue), and the kernel
 * times a slot out after the dext dropped it. Checked against {@link Spec}, a plain sequential pool,
 * and after each run the monitor must have seen no violation. The kernel-side operations share one
 * thread (the kernel's work loop is serial); Default runs concurrently with them.
 */
class SlotPoolLincheckTest {

    @Param(name = "slot", gen = IntGen.class, conf = "0:1")
    public static class SlotPool {
        static final int SLOTS = 2;
        private final OnDemandDriver driver = driver();
        private final World world;
        private final Mailbox kernel;

        public SlotPool() {
            world = World.builder(() -> driver).config(FrameworkConfig.defaults().withMaxBundle(1).withRealTimeTimeouts(false))
                    .twoLanesDrivenByCaller().build().start();
            kernel = world.runtime().mailboxes().stream().filter(m -> m.name().equals("kernel")).findFirst().orElseThrow();
        }

        OnDemandDriver driver() {
            return new OnDemandDriver(false);
        }

        /** The slot the new command was issued on, or -1 if it waits for one. */
        @Operation(nonParallelGroup = "kernel")
        public int issue() {
            world.onThisThread();
            int before = withDext();
            world.submit(Command.testUnitReady(0));
            runAll(kernel);
            return Integer.numberOfTrailingZeros(withDext() & ~before) == 32 ? -1 : Integer.numberOfTrailingZeros(withDext() & ~before);
        }

        /** Delivers the oldest pending Process call: its slot, or -1 if none is pending. */
        @Operation(nonParallelGroup = "default")
        public int process() {
            world.onThisThread();
            return world.framework().defaultQueue().tryRunOne() ? driver.lastDelivered : -1;
        }

        /** The dext completes the slot if it holds it. */
        @Operation(nonParallelGroup = "kernel")
        public boolean complete(@Param(name = "slot") int slot) {
            world.onThisThread();
            return driver.onInterruptQueue(() -> driver.complete(slot));
        }

        /** The dext drops the slot it holds and the kernel times it out (no late completion can follow). */
        @Operation(nonParallelGroup = "kernel")
        public boolean timeOut(@Param(name = "slot") int slot) {
            world.onThisThread();
            if (!driver.onInterruptQueue(() -> driver.drop(slot))) {
                return false;
            }
            world.framework().fireTimeout(slot);
            runAll(kernel);
            return true;
        }

        /** Asks the monitor: no rule may be broken by a correct dext, whatever the interleaving. */
        @Validate
        public void monitorSeesNoViolation() {
            Verdict v = world.monitor().verdict("validation");
            if (!v.isClean()) {
                throw new AssertionError(v.describe());
            }
        }

        private int withDext() {
            int mask = 0;
            for (int i = 0; i < SLOTS; i++) {
                mask |= world.framework().isWithDext(i) ? 1 << i : 0;
            }
            return mask;
        }

        private static void runAll(Mailbox m) {
            while (m.tryRunOne()) {
                // run what the operation posted
            }
        }
    }

    /** The same pool with a dext that completes every slot twice: the monitor must object (SLOT-4). */
    public static class SlotPoolWithDoubleCompletion extends SlotPool {
        @Override
        OnDemandDriver driver() {
            return new OnDemandDriver(true);
        }
    }

    /** The sequential specification: per slot free, issued (Process pending) or delivered; commands waiting in order. */
    public static class Spec {
        private static final int FREE = 0;
        private static final int ISSUED = 1;
        private static final int DELIVERED = 2;
        private final int[] state = new int[SlotPool.SLOTS];
        private final Deque<Integer> toDeliver = new ArrayDeque<>();
        private int waiting;

        public int issue() {
            waiting++;
            return waiting == 1 ? pump() : -1;
        }

        public int process() {
            Integer s = toDeliver.poll();
            if (s == null) {
                return -1;
            }
            state[s] = DELIVERED;
            return s;
        }

        public boolean complete(int slot) {
            return giveBack(slot);
        }

        public boolean timeOut(int slot) {
            return giveBack(slot);
        }

        private boolean giveBack(int slot) {
            if (state[slot] != DELIVERED) {
                return false;
            }
            state[slot] = FREE;
            pump();
            return true;
        }

        /** Issues waiting commands on the lowest free slots; the slot of the last one issued, or -1. */
        private int pump() {
            int issued = -1;
            for (int s = 0; s < state.length && waiting > 0; s++) {
                if (state[s] == FREE) {
                    state[s] = ISSUED;
                    toDeliver.add(s);
                    waiting--;
                    issued = s;
                }
            }
            return issued;
        }
    }

    /** A dext that holds what Process gives it until an operation completes or drops it. */
    static final class OnDemandDriver extends IOUserSCSIParallelInterfaceController {
        private final boolean completeTwice;
        private IOLock lock;
        private IODispatchQueue interruptQueue;
        private SlotBuffer<SCSIUserParallelTask> commands;
        private SlotBuffer<SCSIUserParallelResponse> responses;
        private CommandTable<OSAction> held;
        volatile int lastDelivered = -1;

        OnDemandDriver(boolean completeTwice) {
            this.completeTwice = completeTwice;
        }

        @Override
        public int UserInitializeController() {
            lock = IOLock.IOLockAlloc();
            interruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
            return IOReturn.kIOReturnSuccess;
        }

        @Override
        public int UserReportMaximumTaskCount() {
            return SlotPool.SLOTS;
        }

        @Override
        public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> c, SlotBuffer<SCSIUserParallelResponse> r) {
            commands = c;
            responses = r;
            held = newCommandTable("held", SlotPool.SLOTS);
            return IOReturn.kIOReturnSuccess;
        }

        @Override
        public void UserProcessBundledParallelTasks(SlotIndexArray indices, int count, OSAction completion) {
            for (int i = 0; i < count; i++) {
                int slot = indices.get(i);
                completion.retain();
                IOLock.IOLockLock(lock);
                held.put(slot, completion);
                IOLock.IOLockUnlock(lock);
                lastDelivered = slot;
            }
        }

        boolean onInterruptQueue(Supplier<Boolean> block) {
            boolean[] result = {false};
            interruptQueue.runSync("operation", null, () -> result[0] = block.get());
            return result[0];
        }

        boolean complete(int slot) {
            OSAction action = take(slot);
            if (action == null) {
                return false;
            }
            SCSIUserParallelTask task = commands.get(slot);
            responses.get(slot).version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(task.fTargetID()).fControllerTaskIdentifier(task.fControllerTaskIdentifier())
                    .fCompletionStatus(0).fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                    .fBytesTransferred(0);
            BundledParallelTaskCompletion(action, new int[]{slot}, 1);
            if (completeTwice) {
                BundledParallelTaskCompletion(action, new int[]{slot}, 1);
            }
            action.release();
            return true;
        }

        boolean drop(int slot) {
            OSAction action = take(slot);
            if (action != null) {
                action.release();
            }
            return action != null;
        }

        /** Takes the slot's action if the dext holds it; clearing an empty entry would mark a command as over. */
        private OSAction take(int slot) {
            IOLock.IOLockLock(lock);
            OSAction a = held.get(slot);
            if (a != null) {
                held.remove(slot);
            }
            IOLock.IOLockUnlock(lock);
            return a;
        }
    }

    private static <O extends Options<O, ?>> O configure(O o) {
        return o.threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(1).sequentialSpecification(Spec.class);
    }

    @Test
    void modelChecking() {
        configure(LincheckSearch.modelChecking()).iterations(10).invocationsPerIteration(50).check(SlotPool.class);
    }

    @Test
    void stress() {
        configure(new StressOptions()).iterations(10).invocationsPerIteration(200).check(SlotPool.class);
    }

    @Test
    void theValidationFailsOnADextThatCompletesTwice() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> configure(LincheckSearch.modelChecking()).iterations(10).invocationsPerIteration(50)
                        .minimizeFailedScenario(false) // only the failure is asserted; shrinking its scenario re-runs the search
                        .check(SlotPoolWithDoubleCompletion.class));
        assertTrue(e.getMessage().contains("SLOT-4"), e::getMessage);
    }

}
