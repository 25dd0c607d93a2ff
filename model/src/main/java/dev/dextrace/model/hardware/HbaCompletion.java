package dev.dextrace.model.hardware;

/**
 * What the hardware reports for a finished command: the dext's tag, the SCSI status byte, the bytes
 * moved, how many bytes of autosense data it returned (CHECK_CONDITION) and whether the command never
 * reached the device (a transport/delivery failure, which has no SCSI status).
 */
public record HbaCompletion(int tag, int scsiStatus, long bytesTransferred, int senseLength, boolean deliveryFailure) {
    /** SCSI status bytes as the device sends them (SAM-2; SCSIDefinitions.h spells them kSCSITaskStatus_...). */
    public static final int GOOD = 0x00;
    public static final int CHECK_CONDITION = 0x02;
    public static final int BUSY = 0x08;
    public static final int TASK_SET_FULL = 0x28;

    public HbaCompletion {
        if (senseLength < 0 || senseLength > 256) {
            throw new IllegalArgumentException("senseLength must be 0..256 (kMaxSenseBufferSize), was " + senseLength);
        }
    }

    /** A command the device finished with this status and no sense data. */
    public HbaCompletion(int tag, int scsiStatus, long bytesTransferred) {
        this(tag, scsiStatus, bytesTransferred, 0, false);
    }

    /** Whether the dext is on its error path: a status other than GOOD, or no status at all (delivery failure). */
    public boolean failed() {
        return deliveryFailure || scsiStatus != GOOD;
    }

    /** What the hardware reported, in SCSI words, for the events a finding shows. */
    public String describe() {
        if (deliveryFailure) {
            return "delivery failure (no SCSI status)";
        }
        String status = switch (scsiStatus) {
            case GOOD -> "GOOD";
            case CHECK_CONDITION -> "CHECK CONDITION";
            case BUSY -> "BUSY";
            case TASK_SET_FULL -> "TASK SET FULL";
            default -> String.format("status 0x%02x", scsiStatus);
        };
        return status + (senseLength > 0 ? ", " + senseLength + " bytes of sense" : "") + ", " + bytesTransferred + " bytes moved";
    }

    /** The autosense bytes (fixed format, response code 0x70), a fresh array of {@link #senseLength()} bytes. */
    public byte[] senseData() {
        byte[] sense = new byte[senseLength];
        if (senseLength > 0) {
            sense[0] = 0x70;
        }
        if (senseLength > 2) {
            sense[2] = 0x02; // NOT READY
        }
        return sense;
    }
}
