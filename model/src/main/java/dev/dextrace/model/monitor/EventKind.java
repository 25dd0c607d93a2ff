package dev.dextrace.model.monitor;

/** What a {@link ProtocolEvent} records; each is a point where the controlled runtime may switch threads. */
public enum EventKind {
    /** A block starts or ends on a dispatch queue (or the kernel work loop). */
    BLOCK_BEGIN, BLOCK_END,
    /** The framework fills a command slot and hands it out (first issue or reissue). */
    ISSUE,
    /** A bundled or legacy Process call begins / returns in the dext. */
    PROCESS_BEGIN, PROCESS_END,
    /** The dext reads a command-slot field or writes a response-slot field. */
    SLOT_READ, SLOT_WRITE,
    /** The dext reads an entry of the Process call's index array. */
    INDEX_READ,
    /** The dext calls BundledParallelTaskCompletion / ParallelTaskCompletion. */
    COMPLETE,
    /** The framework took a slot (or legacy task) back after a completion. */
    RETURNED,
    /** The framework dropped a completion (late, wrong version, unknown task). */
    DROPPED,
    /** The kernel's per-task timeout fired and the kernel completed the task itself. */
    TIMEOUT,
    /**
     * The kernel completed a task itself for another reason: an abort the dext answered done, the
     * target's removal, the controller's stop (PROTOCOL.md §9).
     */
    KERNEL_COMPLETE,
    /** A SAM-2 task-management call (UserAbortTaskRequest, ...) and the dext's answer to it. */
    TASK_MANAGEMENT,
    /** OSAction reference counting and lifecycle. */
    ACTION_CREATE, RETAIN, RELEASE, CANCEL, FREE, ABORTED,
    /** Hardware: a command is started; a completion interrupt is raised; the dext reads the completion ring. */
    HW_START, INTERRUPT, RING_READ,
    /** The dext reads or writes state it shares between blocks, or takes / drops an IOLock. */
    VAR_READ, VAR_WRITE, LOCK, UNLOCK,
    /** Per-command bookkeeping in a {@code CommandTable}. */
    TABLE_WRITE,
    /** Call-scoped memory (argument, stack local) read or written. */
    SCOPED_ACCESS,
    /** A thread waits for a queue another block holds (DispatchSync, two-way call). */
    WAIT,
    /** QUEUENAME routing, SetDispatchQueue, and other bookkeeping worth showing in a trace. */
    ROUTE, NOTE,
    /** The driver threw, hung or spun: a finding, not a crash of the campaign. */
    FAULT;

    /**
     * Whether the event changes state; reads and notes do not. A block whose events are all reads
     * (a loop polling a flag) makes no progress: what HANG-1's stall bound counts.
     */
    public boolean changesState() {
        return switch (this) {
            case SLOT_READ, INDEX_READ, RING_READ, VAR_READ, NOTE -> false;
            default -> true;
        };
    }
}
