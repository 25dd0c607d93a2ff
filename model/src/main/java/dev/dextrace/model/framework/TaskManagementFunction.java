package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.CallScoped;

/**
 * The six SAM-2 task-management functions of {@code IOUserSCSIParallelInterfaceController}, each with
 * the commands it ends when the dext answers FUNCTION_COMPLETE: the named task (abort task), the
 * named task's target and logical unit (task set, LU reset), its target (target reset), none (clear ACA).
 */
public enum TaskManagementFunction {
    ABORT_TASK("UserAbortTaskRequest"),
    ABORT_TASK_SET("UserAbortTaskSetRequest"),
    CLEAR_ACA("UserClearACARequest"),
    CLEAR_TASK_SET("UserClearTaskSetRequest"),
    LOGICAL_UNIT_RESET("UserLogicalUnitResetRequest"),
    TARGET_RESET("UserTargetResetRequest");

    private final String method;

    TaskManagementFunction(String method) {
        this.method = method;
    }

    /** The dext's method, e.g. {@code UserAbortTaskRequest}. */
    public String method() {
        return method;
    }

    /** Whether a FUNCTION_COMPLETE answer to this function, sent about {@code named}, ends {@code other}. */
    boolean ends(TaskData named, TaskData other) {
        boolean sameTarget = named.fTargetID() == other.fTargetID();
        boolean sameUnit = sameTarget && lunOf(named) == lunOf(other);
        return switch (this) {
            case ABORT_TASK -> sameUnit && named.fTaskTagIdentifier() == other.fTaskTagIdentifier();
            case ABORT_TASK_SET, CLEAR_TASK_SET, LOGICAL_UNIT_RESET -> sameUnit;
            case TARGET_RESET -> sameTarget;
            case CLEAR_ACA -> false;
        };
    }

    /** Calls the dext's method about the task {@code named}: theT, theL and theQ are read from it. */
    int call(Dext dext, TaskData named, CallScoped<Integer> response) {
        long t = named.fTargetID();
        long l = lunOf(named);
        return switch (this) {
            case ABORT_TASK -> dext.UserAbortTaskRequest(t, l, named.fTaskTagIdentifier(), response);
            case ABORT_TASK_SET -> dext.UserAbortTaskSetRequest(t, l, response);
            case CLEAR_ACA -> dext.UserClearACARequest(t, l, response);
            case CLEAR_TASK_SET -> dext.UserClearTaskSetRequest(t, l, response);
            case LOGICAL_UNIT_RESET -> dext.UserLogicalUnitResetRequest(t, l, response);
            case TARGET_RESET -> dext.UserTargetResetRequest(t, response);
        };
    }

    /** SAM single-level LUN (peripheral device addressing) from fLogicalUnitBytes. */
    static long lunOf(TaskData d) {
        byte[] b = d.fLogicalUnitBytes();
        return ((b[0] & 0x3fL) << 8) | (b[1] & 0xffL);
    }
}
