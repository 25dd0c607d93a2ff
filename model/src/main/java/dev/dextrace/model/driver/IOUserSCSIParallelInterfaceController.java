package dev.dextrace.model.driver;

import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.Dext;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HostBusAdapter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dext's side of {@code IOUserSCSIParallelInterfaceController}, with DriverKit's names and
 * arguments, so a C++ {@code _Impl} method ports line by line: {@code indices[i]} becomes
 * {@code indices.get(i)}, {@code fCommandBuffer[i]} becomes {@code commands.get(i)},
 * {@code *response = x} becomes {@code response.set(x)}.
 *
 * <p>Subclass it and override the {@code User...} methods the framework calls; call the
 * {@code ...Completion} methods, which the framework implements. A driver is one class: the model
 * never needs editing to add one.
 */
public abstract class IOUserSCSIParallelInterfaceController implements Dext {
    private static final Map<Class<?>, Map<String, String>> QUEUE_NAMES = new ConcurrentHashMap<>();

    private Framework framework;
    private HostBusAdapter provider;

    /** Wires the driver into a world; the world calls this once, before boot. */
    public final void attach(Framework framework, HostBusAdapter provider) {
        if (this.framework != null) {
            throw new IllegalStateException("this driver instance is already attached to a world; make a new one per world");
        }
        this.framework = framework;
        this.provider = provider;
    }

    // ------------------------------------------------------------ called by the framework (override)

    /** Runs first, on Default: create queues, interrupt sources, register QUEUENAME queues. */
    public abstract int UserInitializeController();

    /** Runs on Default after the buffers are mapped. */
    public int UserStartController() {
        return IOReturn.kIOReturnSuccess;
    }

    /** Runs on Default when the run is over: release what the dext kept for its lifetime. */
    public int UserStopController() {
        return IOReturn.kIOReturnSuccess;
    }

    /** N: the number of task slots (must be > 0). */
    public abstract int UserReportMaximumTaskCount();

    /**
     * Runs on Default. Return {@code kIOReturnSuccess} to choose the bundled path; the default, like a
     * dext that does not implement it, keeps the legacy path.
     */
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> parallelTaskCommandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> parallelTaskResponseBuffer) {
        return IOReturn.kIOReturnUnsupported;
    }

    /** One-way: process the listed slots (entries 0..count-1 of the index array). */
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " maps the bundled buffers but does not implement "
                + "UserProcessBundledParallelTasks");
    }

    /**
     * Two-way: the kernel waits for the return. Set {@code *response} to Request_In_Process and complete
     * later through {@code completion}, or set a final response and do not complete.
     */
    public int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " uses the legacy path but does not implement "
                + "UserProcessParallelTask");
    }

    // ------------------------------------------------------------ SAM-2 task management (override to support it)

    /**
     * Abort the task with tag {@code theQ} (the command's fTaskTagIdentifier) on target theT, LUN theL.
     * Synchronous, on Default. Answer FUNCTION_COMPLETE in {@code *response} only for a command the dext
     * will never complete (with the default FrameworkConfig the answer completes it); the default, like
     * a dext that does not support it, answers FUNCTION_REJECTED and the command goes on.
     */
    public int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    /** Abort every task of target theT, LUN theL; default: FUNCTION_REJECTED. */
    public int UserAbortTaskSetRequest(long theT, long theL, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    /** Clear an ACA condition (ends no task); default: FUNCTION_REJECTED. */
    public int UserClearACARequest(long theT, long theL, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    /** Clear the task set of target theT, LUN theL; default: FUNCTION_REJECTED. */
    public int UserClearTaskSetRequest(long theT, long theL, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    /** Reset LUN theL of target theT (ends its tasks); default: FUNCTION_REJECTED. */
    public int UserLogicalUnitResetRequest(long theT, long theL, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    /** Reset target theT (ends its tasks); default: FUNCTION_REJECTED. */
    public int UserTargetResetRequest(long theT, CallScoped<Integer> response) {
        return rejectTaskManagement(response);
    }

    private static int rejectTaskManagement(CallScoped<Integer> response) {
        response.set(SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_REJECTED);
        return IOReturn.kIOReturnUnsupported;
    }

    // ------------------------------------------------------------ called by the dext (the framework implements them)

    public final void ParallelTaskCompletion(OSAction completion, SCSIUserParallelResponse response) {
        framework().parallelTaskCompletion(completion, response);
    }

    public final void BundledParallelTaskCompletion(OSAction completion, int[] parallelResponseSlotIndices,
                                                    int parallelResponseSlotIndicesCount) {
        framework().bundledParallelTaskCompletion(completion, parallelResponseSlotIndices, parallelResponseSlotIndicesCount);
    }

    public final int SetDispatchQueue(String name, IODispatchQueue queue) {
        return framework().setDispatchQueue(name, queue);
    }

    /** {@code CopyDispatchQueue(kIOServiceDefaultQueueName, &queue)}. */
    public final IODispatchQueue DefaultQueue() {
        return framework().defaultQueue();
    }

    /** The HBA this dext drives ({@code GetProvider()}). */
    public final HostBusAdapter GetProvider() {
        if (provider == null) {
            throw new IllegalStateException("the driver is not attached to a world yet");
        }
        return provider;
    }

    private Framework framework() {
        if (framework == null) {
            throw new IllegalStateException("the driver is not attached to a world yet");
        }
        return framework;
    }

    /** A per-slot table for the dext's own bookkeeping, sized N (call it once the buffers are mapped). */
    public final <V> CommandTable<V> newCommandTable(String name, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1 (use the N from UserReportMaximumTaskCount), was " + slots);
        }
        return new CommandTable<>(framework(), name, slots);
    }

    /** The QUEUENAME on this class's override of {@code method}, or null. */
    public final String queueNameOf(String method) {
        return QUEUE_NAMES.computeIfAbsent(getClass(), IOUserSCSIParallelInterfaceController::scan).get(method);
    }

    private static Map<String, String> scan(Class<?> c) {
        Map<String, String> names = new ConcurrentHashMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                QUEUENAME q = m.getAnnotation(QUEUENAME.class);
                if (q != null) {
                    names.putIfAbsent(m.getName(), q.value());
                }
            }
        }
        return names;
    }
}
