package dev.dextrace.model.hardware;

/**
 * How the simulated HBA finishes a command (PROTOCOL.md §9): as asked, or with one of the faults a
 * real device or transport shows. A scenario gives the HBA a plan, one entry per command in the order
 * the dext starts them ({@link HostBusAdapter#failInOrder}); the order of starts is part of the run's
 * interleaving, so a replayed run meets the same faults.
 */
public enum HbaFault {
    GOOD,
    /** CHECK_CONDITION with 18 bytes of autosense data (fixed format). */
    CHECK_CONDITION,
    BUSY,
    /** TASK_SET_FULL: the device queue is full; the command did not run. */
    TASK_SET_FULL,
    /** The command never reached the device: a transport failure, no SCSI status. */
    DELIVERY_FAILURE,
    /** GOOD, but only half of the requested bytes moved (an underrun). */
    PARTIAL_TRANSFER,
    /**
     * The interrupt is lost: the command never completes on its own; the kernel times it out, and the
     * completion then turns up late (the HBA finally answers the tag).
     */
    LOST_INTERRUPT;

    static final int SENSE_BYTES = 18;

    /** What the HBA reports for a command with this tag that asked for {@code requestedBytes}. */
    HbaCompletion completion(int tag, long requestedBytes) {
        return switch (this) {
            case GOOD, LOST_INTERRUPT -> new HbaCompletion(tag, HbaCompletion.GOOD, requestedBytes);
            case CHECK_CONDITION -> new HbaCompletion(tag, HbaCompletion.CHECK_CONDITION, 0, SENSE_BYTES, false);
            case BUSY -> new HbaCompletion(tag, HbaCompletion.BUSY, 0);
            case TASK_SET_FULL -> new HbaCompletion(tag, HbaCompletion.TASK_SET_FULL, 0);
            case DELIVERY_FAILURE -> new HbaCompletion(tag, HbaCompletion.GOOD, 0, 0, true);
            case PARTIAL_TRANSFER -> new HbaCompletion(tag, HbaCompletion.GOOD, requestedBytes / 2);
        };
    }
}
