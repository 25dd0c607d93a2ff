package dev.dextrace.model.driverkit;

/**
 * What a thread can wait for in DriverKit: a queue (DispatchSync, a two-way call) or an IOLock. Both
 * have at most one owner thread, so waits form one wait-for graph, where a cycle is Q-4.
 */
interface WaitTarget {
    /** The name shown in a cycle, e.g. {@code InterruptQueue} or {@code lock#3}. */
    String name();

    /** The thread that holds it now, or null. */
    Thread owner();
}
