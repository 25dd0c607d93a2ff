package dev.dextrace.model.framework;

import dev.dextrace.model.monitor.Payload;

import java.util.Optional;

/**
 * The framework's bookkeeping for slot i of the command and response buffers: who owns it and which
 * issue (generation) it is at. Transitions happen under the framework's lock; the dext-access checks
 * read the volatile fields without it.
 */
final class Slot implements InFlight {
    final int index;
    final ResponseData response = new ResponseData();
    volatile int generation;
    volatile boolean ownedByDext;
    volatile int deliveredGeneration;
    volatile int dextCompletedGeneration;
    /** The generation the kernel took back without the dext's word: its timeout, the target's removal, the stop. */
    volatile int timedOutGeneration;
    /** The generation the kernel took back because the dext answered an abort of it FUNCTION_COMPLETE. */
    volatile int abortedGeneration;
    /** The generation whose submit call (Process) has returned: the kernel acts on a task only after that. */
    volatile int submitReturnedGeneration;
    volatile TaskData command;
    volatile long issueSeq;
    volatile long deadlineNanos;

    Slot(int index) {
        this.index = index;
    }

    @Override
    public Payload.Unit unit() {
        return Payload.Unit.SLOT;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public boolean inFlight() {
        return ownedByDext;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void clearDeadline() {
        deadlineNanos = Long.MAX_VALUE;
    }

    @Override
    public Optional<String> action() {
        return Optional.empty(); // a bundle's action is per bundle, not per slot
    }

    @Override
    public void takeBack(int gen) {
        timedOutGeneration = gen;
        ownedByDext = false;
    }

    @Override
    public boolean dextCompleted(int gen) {
        return dextCompletedGeneration == gen;
    }

    @Override
    public long issueSeq() {
        return issueSeq;
    }

    /** Under the kernel lock: the dext answered an abort of generation gen done, so the kernel takes it back. */
    @Override
    public TaskData command() {
        return command;
    }

    @Override
    public void abortBack(int gen) {
        abortedGeneration = gen;
        ownedByDext = false;
    }

    /** The dext holds this generation and has not completed it: it may touch the slot. */
    boolean dextHolds(int gen) {
        return gen > 0 && ownedByDext && generation == gen && deliveredGeneration == gen && dextCompletedGeneration < gen;
    }
}
