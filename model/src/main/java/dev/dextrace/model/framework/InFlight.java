package dev.dextrace.model.framework;

import dev.dextrace.model.monitor.Payload;

import java.util.Optional;

/**
 * A command the kernel's timer watches: the one in a slot (bundled path) or in a legacy task. Both
 * time out alike (TaskTimeoutOccurred); this is what the timer needs of either.
 */
interface InFlight {
    /** A slot or a task, as events and violations name it. */
    Payload.Unit unit();

    int index();

    int generation();

    /** Issued and not yet back with the kernel. */
    boolean inFlight();

    long deadlineNanos();

    /** The timer has fired for this issue: it must not fire again. */
    void clearDeadline();

    /** The completion action events about it name, if it has one of its own. */
    Optional<String> action();

    /** Under the kernel lock: the kernel's timeout takes generation gen back from the dext. */
    void takeBack(int gen);

    /** Under the kernel lock: the dext answered an abort of generation gen FUNCTION_COMPLETE; the kernel takes it back. */
    void abortBack(int gen);

    /** The command it carries now (null before its first issue). */
    TaskData command();

    /** Whether the dext completed generation gen (a lost completion is then no lost completion). */
    boolean dextCompleted(int gen);

    /** The sequence number of the event that issued it (the hardware's "finished since" check). */
    long issueSeq();
}
