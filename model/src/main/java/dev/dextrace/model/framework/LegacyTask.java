package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.OSAction;

/** One task of the legacy pool: the kernel reuses its completion action for every I/O it carries. */
final class LegacyTask {
    final int index;
    final OSAction action;
    volatile int generation;
    volatile boolean outstanding;
    volatile int dextCompletedGeneration;
    volatile int kernelCompletedGeneration;
    volatile int timedOutGeneration;
    volatile long issueSeq;
    volatile long deadlineNanos;

    LegacyTask(int index, OSAction action) {
        this.index = index;
        this.action = action;
    }
}
