package dev.dextrace.model.catalogue;

import io.vavr.collection.List;

/**
 * The designs dextrace ships: the five of PROTOCOL.md §8, one more wrong design for every rule the
 * five do not break, one more correct design with two completion paths, one design per driver
 * fault (a spin, a lock deadlock, an exception), three that keep their state as a port would, in
 * plain fields, arrays and java.util collections, one per mistake on the error path of a failing
 * command, a race between two queues the dext created, and a correct design that handles every
 * hardware fault with plain ivars under an IOLock (issue 12), and one per mistake with the kernel's own
 * faults: a command completed after its abort was answered done, a stop that leaves I/O to complete later.
 */
public final class Catalogue {
    private static final List<DesignEntry> ALL = List.of(
            LegacySerial.class, Attempt1QueueName.class, Attempt2BundledIsr.class, Attempt3Wrapper.class,
            BundledRecommended.class, BundledMixedCompletion.class,
            EagerResponsePrefill.class, SentinelTerminatedIndices.class, PrefetchNextSlot.class, DoubleComplete.class,
            WrongTaskIdentifier.class, PartialResponse.class,
            UnretainedAction.class, EarlyRelease.class, CancelFrameworkAction.class,
            ConcurrentFanout.class, MarkStartedAfterStart.class, LegacyCompleteAndReturn.class,
            SpinningProcess.class, IOLockAbbaDeadlock.class, ThrowingInterruptHandler.class,
            Attempt2PlainArray.class, PendingListUnlocked.class, BundledPlainLocked.class,
            ErrorPathDoubleComplete.class, ErrorPathDoubleRelease.class, ErrorPathLeak.class, PlainLockedFaultTolerant.class,
            SubmitQueueRecordsLate.class, AbortAnsweredStillCompleted.class, StopIgnoresIoOutstanding.class
    ).map(DesignEntry::of);

    private Catalogue() {
    }

    public static List<DesignEntry> all() {
        return ALL;
    }

    /** The design with this name; the message lists the names there are. */
    public static DesignEntry byName(String name) {
        return ALL.find(d -> d.name().equals(name)).getOrElseThrow(() -> new IllegalArgumentException(
                "design '" + name + "' is not in the catalogue; designs: " + ALL.map(DesignEntry::name).mkString(", ")));
    }

    /**
     * Designs for a filter: "all"/empty, or a comma-separated list of catalogue names and fully
     * qualified class names of user designs.
     */
    public static List<DesignEntry> select(String filter) {
        if (filter == null || filter.isBlank() || filter.equals("all")) {
            return ALL;
        }
        return List.of(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.contains(".") ? DesignEntry.forClassName(s) : byName(s));
    }
}
