package dev.dextrace.model.framework;

import java.util.ArrayList;
import java.util.List;

/** The contents of one response ({@code SCSIUserParallelResponse}, 384 bytes in C) and which fields were written. */
final class ResponseData {
    static final int VERSION = 1, TARGET = 2, TASK_ID = 4, STATUS = 8, SERVICE = 16, BYTES = 32;
    static final int REQUIRED = VERSION | TARGET | TASK_ID | STATUS | SERVICE | BYTES;

    int version;
    long fTargetID;
    long fControllerTaskIdentifier;
    int fCompletionStatus;
    int fServiceResponse;
    long fBytesTransferred;
    int fSenseLength;
    byte[] fSenseBuffer = new byte[SCSIUserParallelResponse.kMaxSenseBufferSize];
    int written;

    static List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        if ((mask & VERSION) != 0) out.add("version");
        if ((mask & TARGET) != 0) out.add("fTargetID");
        if ((mask & TASK_ID) != 0) out.add("fControllerTaskIdentifier");
        if ((mask & STATUS) != 0) out.add("fCompletionStatus");
        if ((mask & SERVICE) != 0) out.add("fServiceResponse");
        if ((mask & BYTES) != 0) out.add("fBytesTransferred");
        return out;
    }
}
