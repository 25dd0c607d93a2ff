package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.Payload;

import java.util.Optional;

/** One task of the legacy pool: the kernel reuses its completion action for every I/O it carries. */
final class LegacyTask implements InFlight {
    final int index;
    final OSAction action;
    volatile int generation;
    volatile boolean outstanding;
    volatile int dextCompletedGeneration;
    volatile int kernelCompletedGeneration;
    volatile int timedOutGeneration;
    /** The generation the kernel took back because the dext answered an abort of it FUNCTION_COMPLETE. */
    volatile int abortedGeneration;
    volatile TaskData command;
    /** The generation whose UserProcessParallelTask call has returned: the kernel acts on a task only after that. */
    volatile int callReturnedGeneration;
    volatile long issueSeq;
    volatile long deadlineNanos;

    LegacyTask(int index, OSAction action) {
        this.index = index;
        this.action = action;
    }

    @Override
    public Payload.Unit unit() {
        return Payload.Unit.TASK;
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
        return outstanding;
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
        return Optional.of(action.label());
    }

    @Override
    public void takeBack(int gen) {
        outstanding = false;
        timedOutGeneration = gen;
    }

    @Override
    public void abortBack(int gen) {
        outstanding = false;
        abortedGeneration = gen;
    }

    @Override
    public TaskData command() {
        return command;
    }

    /** False: the dext's completion takes a task back at once, so one still in flight was never completed. */
    @Override
    public boolean dextCompleted(int gen) {
        return false;
    }

    @Override
    public long issueSeq() {
        return issueSeq;
    }
}
