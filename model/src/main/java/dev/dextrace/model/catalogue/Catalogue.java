package dev.dextrace.model.catalogue;

import io.vavr.collection.List;

/**
 * The designs dextrace ships: the five of PROTOCOL.md §8, one more wrong design for every rule the
 * five do not break, one more correct design with two completion paths, one design per driver
 * fault (a spin, a lock deadlock, an exception), three that keep their state as a port would, in
 * plain fields, arrays and java.util collections, one per mistake on the error path of a failing
 * command, a race between two queues the dext created, and a correct design that handles every
 * hardware fault with plain ivars under an IOLock (issue 12), and one per mistake with the kernel's own
 * faults: a command completed after its abort was answered done, a stop that leaves I/O to complete later;
 * and one whose mistake shows only under a fault combination the run chooses (a BUSY retry that is BUSY again).
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
            SubmitQueueRecordsLate.class, AbortAnsweredStillCompleted.class, StopIgnoresIoOutstanding.class,
            PlainLockedOwnTags.class, LegacyLockedInterruptQueue.class, LegacyAbortStillCompleted.class,
            LegacyStopIgnoresIo.class, TaskSetFullResendLost.class,
            BusyRetryDoubleRelease.class
    ).map(DesignEntry::of);

    private Catalogue() {
    }

    public static List<DesignEntry> all() {
        return ALL;
    }

    /** The design with this name, of the catalogue or the user's project; the message lists the names there are. */
    public static DesignEntry byName(String name) {
        return ALL.find(d -> d.name().equals(name)).orElse(() -> known().find(d -> d.name().equals(name)))
                .getOrElseThrow(() -> new IllegalArgumentException("design '" + name + "' is not in the catalogue; " + whatThereIs()));
    }

    /** The designs of the user's project: every {@code @DriverDesign} class on the class path outside the catalogue. */
    public static List<DesignEntry> project() {
        return ProjectDesigns.all();
    }

    /**
     * Designs for a filter, comma-separated: {@code all} (or empty: the catalogue and the project's designs),
     * {@code catalogue}, {@code project} (the user's designs, found on the class path), a design's name, or a
     * design class's fully qualified name. A word that names nothing is refused with what there is.
     */
    public static List<DesignEntry> select(String filter) {
        List<String> words = filter == null ? List.empty() : List.of(filter.split(",")).map(String::trim).filter(s -> !s.isEmpty());
        if (words.isEmpty()) {
            words = List.of("all");
        }
        List<DesignEntry> chosen = words.flatMap(Catalogue::designsFor).distinctBy(DesignEntry::type);
        if (chosen.isEmpty()) { // "project" in a project without designs
            throw new IllegalArgumentException("'" + filter + "' selects no design: no @DriverDesign class of your project is on the class path; "
                    + whatThereIs());
        }
        return chosen;
    }

    private static List<DesignEntry> designsFor(String word) {
        return switch (word) {
            case "all" -> known();
            case "catalogue" -> ALL;
            case "project" -> project();
            default -> word.contains(".") ? List.of(DesignEntry.forClassName(word)) : List.of(byName(word));
        };
    }

    /** The catalogue's designs, then the project's; a name used twice would make a filter ambiguous, so it is refused. */
    private static List<DesignEntry> known() {
        List<DesignEntry> known = ALL.appendAll(project());
        known.groupBy(DesignEntry::name).filterValues(ds -> ds.size() > 1).headOption().forEach(t -> {
            throw new IllegalArgumentException("two designs are named '" + t._1 + "': "
                    + t._2.map(d -> d.type().getName()).mkString(" and ") + "; rename one in its @DriverDesign");
        });
        return known;
    }

    private static String whatThereIs() {
        List<DesignEntry> project = project();
        return "designs: " + ALL.map(DesignEntry::name).mkString(", ") + "; your project's (@DriverDesign classes on the class path): "
                + (project.isEmpty() ? "none found" : project.map(d -> d.name() + " (" + d.type().getName() + ")").mkString(", "))
                + "; or all, catalogue, project, or a design's class name";
    }
}
