package dev.dextrace.model.framework;

/** {@code SCSIServiceResponse} values (SCSIDefinitions.h) the protocol names. */
public final class SCSIServiceResponse {
    public static final int kSCSIServiceResponse_Request_In_Process = 0;
    public static final int kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE = 1;
    public static final int kSCSIServiceResponse_TASK_COMPLETE = 2;
    public static final int kSCSIServiceResponse_LINK_COMMAND_COMPLETE = 3;
    public static final int kSCSIServiceResponse_FUNCTION_COMPLETE = 4;
    public static final int kSCSIServiceResponse_FUNCTION_REJECTED = 5;

    private SCSIServiceResponse() {
    }

    public static String name(int v) {
        return switch (v) {
            case 0 -> "Request_In_Process";
            case 1 -> "SERVICE_DELIVERY_OR_TARGET_FAILURE";
            case 2 -> "TASK_COMPLETE";
            case 3 -> "LINK_COMMAND_COMPLETE";
            case 4 -> "FUNCTION_COMPLETE";
            case 5 -> "FUNCTION_REJECTED";
            default -> "response(" + v + ")";
        };
    }
}
