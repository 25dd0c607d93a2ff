package dev.dextrace.model.framework;

/**
 * How the framework behaves where PROTOCOL.md leaves room ([inferred] facts), plus run knobs.
 *
 * @param completionAction      one completion action shared by all bundles (Apple's guess) or a new one
 *                              per bundle, released by the framework when that Process call returns
 * @param completionProcessing  a completion is processed (slot returned, maybe reissued) in the dext's
 *                              calling thread, or deferred to the kernel's work loop
 * @param redirectedIo          what a {@code QUEUENAME} on a Process method leads to after Q-1: the
 *                              seed's deadlock, or delivery on the named queue
 * @param maxBundle             most slots the framework gathers into one bundle, 1..32
 * @param realTimeTimeouts      fire {@code fTimeoutInMilliSec} in real time as well as when the run is
 *                              stuck (free-running runs only; a controlled run is timeless)
 * @param abortedCommand        what a task-management answer of FUNCTION_COMPLETE means for the commands
 *                              it names (PROTOCOL.md §9, [inferred]): the kernel treats them as done, or
 *                              the dext still completes each once (with an aborted status)
 * @param taskSetFullResends    how often the kernel resends a command the dext completed with TASK_COMPLETE and
 *                              TASK_SET_FULL, in the next free slot or pool task, before it completes the I/O with
 *                              that status (PROTOCOL.md §9: a resend queue with bounded retries [code, generic
 *                              family]; the bound is not public [inferred]); 0: never resent
 */
public record FrameworkConfig(CompletionAction completionAction, CompletionProcessing completionProcessing,
                              RedirectedIo redirectedIo, int maxBundle, boolean realTimeTimeouts,
                              AbortedCommand abortedCommand, int taskSetFullResends) {
    /** Most resends of one command a configuration may ask for. */
    public static final int MAX_TASK_SET_FULL_RESENDS = 8;


    public enum CompletionAction { SHARED, PER_BUNDLE }

    public enum CompletionProcessing { IN_CALLER, DEFERRED }

    public enum RedirectedIo { DEADLOCK, DELIVER }

    /**
     * DONE_BY_ANSWER: FUNCTION_COMPLETE completes the aborted commands (the kernel takes their slots
     * back; a later completion by the dext is a double completion, CMP-1). DEXT_COMPLETES: the answer
     * completes nothing; the dext completes each aborted command once, as usual.
     */
    public enum AbortedCommand { DONE_BY_ANSWER, DEXT_COMPLETES }

    public FrameworkConfig {
        if (completionAction == null || completionProcessing == null || redirectedIo == null || abortedCommand == null) {
            throw new IllegalArgumentException("completionAction, completionProcessing, redirectedIo and abortedCommand must not be null");
        }
        if (maxBundle < 1 || maxBundle > SlotIndexArray.kMaxBundledParallelTasks) {
            throw new IllegalArgumentException("maxBundle must be 1..32 (kMaxBundledParallelTasks), was " + maxBundle);
        }
        if (taskSetFullResends < 0 || taskSetFullResends > MAX_TASK_SET_FULL_RESENDS) {
            throw new IllegalArgumentException("taskSetFullResends must be 0.." + MAX_TASK_SET_FULL_RESENDS + ", was " + taskSetFullResends);
        }
    }

    public static FrameworkConfig defaults() {
        return new FrameworkConfig(CompletionAction.SHARED, CompletionProcessing.IN_CALLER, RedirectedIo.DEADLOCK, 32, true, AbortedCommand.DONE_BY_ANSWER, 1);
    }

    public FrameworkConfig with(CompletionAction a) {
        return new FrameworkConfig(a, completionProcessing, redirectedIo, maxBundle, realTimeTimeouts, abortedCommand, taskSetFullResends);
    }

    public FrameworkConfig with(CompletionProcessing p) {
        return new FrameworkConfig(completionAction, p, redirectedIo, maxBundle, realTimeTimeouts, abortedCommand, taskSetFullResends);
    }

    public FrameworkConfig with(RedirectedIo r) {
        return new FrameworkConfig(completionAction, completionProcessing, r, maxBundle, realTimeTimeouts, abortedCommand, taskSetFullResends);
    }

    public FrameworkConfig withMaxBundle(int n) {
        return new FrameworkConfig(completionAction, completionProcessing, redirectedIo, n, realTimeTimeouts, abortedCommand, taskSetFullResends);
    }

    public FrameworkConfig with(AbortedCommand a) {
        return new FrameworkConfig(completionAction, completionProcessing, redirectedIo, maxBundle, realTimeTimeouts, a, taskSetFullResends);
    }

    public FrameworkConfig withRealTimeTimeouts(boolean on) {
        return new FrameworkConfig(completionAction, completionProcessing, redirectedIo, maxBundle, on, abortedCommand, taskSetFullResends);
    }

    public FrameworkConfig withTaskSetFullResends(int n) {
        return new FrameworkConfig(completionAction, completionProcessing, redirectedIo, maxBundle, realTimeTimeouts, abortedCommand, n);
    }
}
