package dev.dextrace.model.framework;

import dev.dextrace.model.runtime.AtomicStep;

/**
 * A response: either a view of response slot i (bundled path: every write is checked against the
 * dext's ownership of the slot and lands in the shared buffer even when it should not, as in C) or a
 * by-value struct the dext fills and passes to {@code ParallelTaskCompletion} (legacy path).
 */
@AtomicStep("each accessor is one checked read or write of a slot field: one event")
public final class SCSIUserParallelResponse {
    public static final int kMaxSenseBufferSize = 256;
    public static final int kScsiUserParallelTaskResponseVersion1 = 1;

    private final SlotAccessChecks checks;
    private final Slot slot;
    private final int viewGeneration;
    private final ResponseData data;

    SCSIUserParallelResponse(SlotAccessChecks checks, Slot slot, int viewGeneration) {
        this.checks = checks;
        this.slot = slot;
        this.viewGeneration = viewGeneration;
        this.data = slot.response;
    }

    private SCSIUserParallelResponse() {
        this.checks = null;
        this.slot = null;
        this.viewGeneration = 0;
        this.data = new ResponseData();
    }

    /** {@code SCSIUserParallelResponse response = {};} for the legacy path. */
    public static SCSIUserParallelResponse create() {
        return new SCSIUserParallelResponse();
    }

    /** Writes a field: into the shared slot as one checked step, or into the by-value struct. */
    private SCSIUserParallelResponse write(String field, Object v, int bit, java.util.function.Consumer<ResponseData> set) {
        Runnable effect = () -> {
            set.accept(data);
            data.written |= bit;
        };
        if (slot != null) {
            checks.dextTouch(slot, viewGeneration, field, java.util.Optional.of(String.valueOf(v)), () -> {
                effect.run();
                return null;
            });
        } else {
            effect.run();
        }
        return this;
    }

    public SCSIUserParallelResponse version(int v) {
        return write("version", v, ResponseData.VERSION, d -> d.version = v);
    }

    public SCSIUserParallelResponse fTargetID(long v) {
        return write("fTargetID", v, ResponseData.TARGET, d -> d.fTargetID = v);
    }

    public SCSIUserParallelResponse fControllerTaskIdentifier(long v) {
        return write("fControllerTaskIdentifier", v, ResponseData.TASK_ID, d -> d.fControllerTaskIdentifier = v);
    }

    public SCSIUserParallelResponse fCompletionStatus(int v) {
        return write("fCompletionStatus", v, ResponseData.STATUS, d -> d.fCompletionStatus = v);
    }

    public SCSIUserParallelResponse fServiceResponse(int v) {
        return write("fServiceResponse", SCSIServiceResponse.name(v), ResponseData.SERVICE, d -> d.fServiceResponse = v);
    }

    public SCSIUserParallelResponse fBytesTransferred(long v) {
        return write("fBytesTransferred", v, ResponseData.BYTES, d -> d.fBytesTransferred = v);
    }

    /**
     * Writes {@code fSenseLength} and the sense bytes. More than {@link #kMaxSenseBufferSize} bytes
     * would overrun {@code fSenseBuffer} in C: in a response slot SLOT-7 is filed and the write is
     * refused, and the dext goes on (a malformed call is a rule, not a crash that hides what follows);
     * a response of the dext's own (legacy path) refuses it with an exception.
     *
     * @throws IllegalArgumentException if {@code sense} is null, or longer than 256 bytes outside a response slot
     */
    public SCSIUserParallelResponse senseData(byte[] sense) {
        if (sense == null) {
            throw new IllegalArgumentException("sense must not be null (use an empty array for no sense data)");
        }
        if (sense.length > kMaxSenseBufferSize) {
            if (checks != null) {
                checks.senseOverrun(slot, sense.length);
                return this;
            }
            throw new IllegalArgumentException("sense length must be 0.." + kMaxSenseBufferSize
                    + " (kMaxSenseBufferSize), was " + sense.length);
        }
        return write("fSenseLength", sense.length, 0, d -> {
            System.arraycopy(sense, 0, d.fSenseBuffer, 0, sense.length);
            d.fSenseLength = sense.length;
        });
    }

    // Reads, for legacy values and tests (the framework reads slots directly).
    public int version() {
        return data.version;
    }

    public long fTargetID() {
        return data.fTargetID;
    }

    public long fControllerTaskIdentifier() {
        return data.fControllerTaskIdentifier;
    }

    public int fCompletionStatus() {
        return data.fCompletionStatus;
    }

    public int fServiceResponse() {
        return data.fServiceResponse;
    }

    public long fBytesTransferred() {
        return data.fBytesTransferred;
    }

    public int fSenseLength() {
        return data.fSenseLength;
    }

    int writtenFields() {
        return data.written;
    }
}
