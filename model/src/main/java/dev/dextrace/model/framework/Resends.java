package dev.dextrace.model.framework;

/**
 * The kernel's resend queue for TASK_SET_FULL (PROTOCOL.md §9): a command the dext completed with
 * TASK_COMPLETE and TASK_SET_FULL goes back in line for a free slot or pool task, up to
 * {@link FrameworkConfig#taskSetFullResends()} times, instead of finishing its I/O.
 */
@FunctionalInterface
interface Resends {
    /** After a counted completion of {@code command}: queues it again if the answer asks for that; true if it did. */
    boolean offer(TaskData command, int completionStatus, int serviceResponse);
}
