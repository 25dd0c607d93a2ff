package dev.dextrace.model.framework;

/** {@code SCSITaskStatus} values (SCSIDefinitions.h), including the kernel's own. */
public final class SCSITaskStatus {
    public static final int kSCSITaskStatus_GOOD = 0x00;
    public static final int kSCSITaskStatus_CHECK_CONDITION = 0x02;
    public static final int kSCSITaskStatus_BUSY = 0x08;
    public static final int kSCSITaskStatus_TASK_SET_FULL = 0x28;
    /** SAM-2 TASK ABORTED: what a dext may complete an aborted command with. */
    public static final int kSCSITaskStatus_TASK_ABORTED = 0x40;
    public static final int kSCSITaskStatus_TaskTimeoutOccurred = 0x01000000;
    public static final int kSCSITaskStatus_DeviceNotPresent = 0x02000000;
    public static final int kSCSITaskStatus_DeliveryFailure = 0x03000000;

    private SCSITaskStatus() {
    }
}
