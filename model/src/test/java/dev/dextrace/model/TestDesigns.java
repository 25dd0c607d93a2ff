package dev.dextrace.model;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.QUEUENAME;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong designs that break exactly one rule where the catalogue's seed designs break several at
 * once, so each rule's test can demand exactly that rule. Each is one mistake on the recommended design.
 */
final class TestDesigns {
    private TestDesigns() {
    }

    /** SLOT-5 only: reads the command (to arm a watchdog) after starting the hardware. */
    @DriverDesign(name = "touch-after-start", path = DriverDesign.Path.BUNDLED, violates = "SLOT-5", summary = "test")
    static final class TouchAfterStart extends BundledRecommended {
        @Override
        protected void startCommand(int slot, OSAction completion) {
            super.startCommand(slot, completion);
            commands.get(slot).fTimeoutInMilliSec();
        }
    }

    /** ACT-4 only: attempt 3's synchronous case, a legacy completion on the bundled action inside Process. */
    @DriverDesign(name = "legacy-completion-in-process", path = DriverDesign.Path.BUNDLED, violates = "ACT-4", summary = "test")
    static final class LegacyCompletionInProcess extends BundledRecommended {
        @Override
        public void UserProcessBundledParallelTasks(SlotIndexArray indices, int count, OSAction completion) {
            for (int i = 0; i < count; i++) {
                SCSIUserParallelTask task = commands.get(indices.get(i));
                ParallelTaskCompletion(completion, SCSIUserParallelResponse.create()
                        .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                        .fTargetID(task.fTargetID())
                        .fControllerTaskIdentifier(task.fControllerTaskIdentifier())
                        .fCompletionStatus(0)
                        .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                        .fBytesTransferred(0));
            }
        }
    }

    /** ACT-5 only: keeps a pointer to a Process-local status word and writes it from the interrupt queue. */
    @DriverDesign(name = "stack-status-pointer", path = DriverDesign.Path.BUNDLED, violates = "ACT-5", summary = "test")
    static final class StackStatusPointer extends BundledRecommended {
        private final java.util.Map<Integer, CallScoped<Integer>> status = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        protected void startCommand(int slot, OSAction completion) {
            CallScoped<Integer> local = CallScoped.local("status", 0);
            status.put(slot, local);
            super.startCommand(slot, completion);
        }

        @Override
        protected void fillResponse(int slot, HbaCompletion done) {
            status.remove(slot).set(done.scsiStatus());
            super.fillResponse(slot, done);
        }
    }

    /** Q-1 only: QUEUENAME on the bundled Process method (one-way, so it is delivered, not deadlocked). */
    @DriverDesign(name = "routed-bundled", path = DriverDesign.Path.BUNDLED, violates = "Q-1", summary = "test")
    static final class RoutedBundled extends BundledRecommended {
        @Override
        public int UserInitializeController() {
            int ret = super.UserInitializeController();
            SetDispatchQueue("IOQueue", IODispatchQueue.Create("IOQueue", 0, 0));
            return ret;
        }

        @Override
        @QUEUENAME("IOQueue")
        public void UserProcessBundledParallelTasks(SlotIndexArray indices, int count, OSAction completion) {
            super.UserProcessBundledParallelTasks(indices, count, completion);
        }
    }

    /** Q-4 only: Process waits synchronously for the interrupt queue, whose handler waits for Default. */
    @DriverDesign(name = "cross-sync", path = DriverDesign.Path.BUNDLED, violates = "Q-4", summary = "test")
    static final class CrossSync extends BundledRecommended {
        @Override
        protected void startCommand(int slot, OSAction completion) {
            super.startCommand(slot, completion);
            interruptQueue.DispatchSync(() -> { }); // "let the ISR see the new command"
        }

        @Override
        protected void InterruptOccurred() {
            DefaultQueue().DispatchSync(super::InterruptOccurred); // "complete on Default"
        }
    }

    /** CMP-1 only: handles one completion per interrupt, though interrupts coalesce: the others are lost. */
    @DriverDesign(name = "one-completion-per-interrupt", path = DriverDesign.Path.BUNDLED, violates = "CMP-1", summary = "test")
    static final class OneCompletionPerInterrupt extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            HbaCompletion done = GetProvider().pollCompletion();
            if (done != null) {
                complete(done);
            }
        }

        @Override
        public int UserStopController() {
            for (int i = 0; i < maxTaskCount; i++) { // release what never completed
                OSAction a = takeInFlight(i);
                if (a != null) {
                    a.release();
                }
            }
            return IOReturn.kIOReturnSuccess;
        }
    }

    /** EXC-1 only: the interrupt handler completes everything, then its bookkeeping throws. */
    @DriverDesign(name = "throws-after-completing", path = DriverDesign.Path.BUNDLED, violates = "EXC-1", summary = "test")
    static final class ThrowsAfterCompleting extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            super.InterruptOccurred();
            throw new IllegalStateException("interrupt statistics overflowed");
        }
    }
}
