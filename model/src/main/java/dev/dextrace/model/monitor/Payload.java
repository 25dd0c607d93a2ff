package dev.dextrace.model.monitor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * What one protocol step did, as typed data: one record per kind of step the model records. Scripts,
 * invariants and engines match on these (pattern matching on the sealed type, or {@link Events});
 * {@link #text()} is the step in protocol words for display only, built when asked, never matched.
 */
public sealed interface Payload {
    EventKind kind();

    /** The step in protocol words, e.g. {@code Process(2,5,18)}, {@code Complete(18,0)}, {@code retain action#1}. */
    String text();

    /** The slot, generation and action the step is about; none by default. */
    default Subject subject() {
        return Subject.NONE;
    }

    /** A command's bookkeeping unit: a slot of the bundled path or a task of the legacy path. */
    enum Unit {
        SLOT, TASK;

        public String noun() {
            return this == SLOT ? "slot" : "task";
        }
    }

    /** A step that reads or writes one shared variable, named as the driver names it ({@code fSlotState[3]}). */
    sealed interface VariableAccess extends Payload {
        String variable();
    }

    // ---- queues, locks, waits, routing

    record BlockBegin(String block) implements Payload {
        public EventKind kind() { return EventKind.BLOCK_BEGIN; }
        public String text() { return block; }
    }

    record BlockEnd(String block) implements Payload {
        public EventKind kind() { return EventKind.BLOCK_END; }
        public String text() { return "end " + block; }
    }

    record QueueCreated(String queue, boolean reentrant) implements Payload {
        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return "create queue " + queue + (reentrant ? " (reentrant)" : ""); }
    }

    /** A DispatchSync (or two-way call) onto {@code queue} for {@code block}: a switch point before taking the queue. */
    record SyncTo(String queue, String block) implements Payload {
        public EventKind kind() { return EventKind.WAIT; }
        public String text() { return "sync to " + queue + " (" + block + ")"; }
    }

    /** The queue a sync wants is held by another block: the caller waits. */
    record WaitFor(String queue, String block) implements Payload {
        public EventKind kind() { return EventKind.WAIT; }
        public String text() { return "wait for " + queue + " (" + block + ")"; }
    }

    /** A wait closed a cycle of waits, described as the chain of holders and waiters. */
    record Deadlock(String cycle) implements Payload {
        public EventKind kind() { return EventKind.WAIT; }
        public String text() { return "deadlock: " + cycle; }
    }

    record Lock(String lock) implements Payload {
        public EventKind kind() { return EventKind.LOCK; }
        public String text() { return "lock " + lock; }
    }

    record Unlock(String lock) implements Payload {
        public EventKind kind() { return EventKind.UNLOCK; }
        public String text() { return "unlock " + lock; }
    }

    record SetDispatchQueue(String queue) implements Payload {
        public EventKind kind() { return EventKind.ROUTE; }
        public String text() { return "SetDispatchQueue(" + queue + ")"; }
    }

    /** A QUEUENAME annotation sends {@code method} to {@code queue}. */
    record Routed(String queue, String method) implements Payload {
        public EventKind kind() { return EventKind.ROUTE; }
        public String text() { return "QUEUENAME(" + queue + ") routes " + method + " to " + queue; }
    }

    // ---- the framework's side of the slots and tasks

    /** The framework started with {@code slots} slots on one of its two paths. */
    record Started(int slots, boolean bundled) implements Payload {
        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return "N = " + slots + ", " + (bundled ? "bundled path" : "legacy path"); }
    }

    /** The framework fills a slot (or legacy task) with a command and hands it out; generation 2 on is a reissue. */
    record Issue(Unit unit, int index, int generation, String command, Optional<String> action) implements Payload {
        public EventKind kind() { return EventKind.ISSUE; }
        public String text() {
            return (unit == Unit.SLOT && generation > 1 ? "reissue" : "issue") + " " + unit.noun() + " " + index + " gen " + generation + ": " + command;
        }
        public Subject subject() { return Subject.slot(index, generation).withAction(action); }
    }

    /** UserProcessBundledParallelTasks delivers these slots through {@code action}. */
    record Process(List<Integer> slots, String action) implements Payload {
        public Process {
            slots = List.copyOf(slots);
        }
        public EventKind kind() { return EventKind.PROCESS_BEGIN; }
        public String text() { return "Process(" + join(slots) + ")"; }
        public Subject subject() { return Subject.action(action); }
    }

    record ProcessReturn(List<Integer> slots, String action) implements Payload {
        public ProcessReturn {
            slots = List.copyOf(slots);
        }
        public EventKind kind() { return EventKind.PROCESS_END; }
        public String text() { return "return from Process(" + join(slots) + ")"; }
        public Subject subject() { return Subject.action(action); }
    }

    /** The legacy path's two-way UserProcessParallelTask call for one task. */
    record ProcessTask(int task, int generation, String action) implements Payload {
        public EventKind kind() { return EventKind.PROCESS_BEGIN; }
        public String text() { return "ProcessParallelTask(task " + task + ")"; }
        public Subject subject() { return Subject.slot(task, generation).withAction(action); }
    }

    /** UserProcessParallelTask returned {@code kr} with {@code *response} set to {@code response}. */
    record ProcessTaskReturn(int task, int generation, String action, int kr, String response) implements Payload {
        public EventKind kind() { return EventKind.PROCESS_END; }
        public String text() {
            return "return from ProcessParallelTask(task " + task + "): 0x" + Integer.toHexString(kr) + ", *response = " + response;
        }
        public Subject subject() { return Subject.slot(task, generation).withAction(action); }
    }

    /** UserProcessParallelTask never returned (its block was abandoned): the task stays in flight. */
    record NoReply(int task, int generation, String action) implements Payload {
        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return "no reply to ProcessParallelTask(task " + task + "): task " + task + " stays in flight"; }
        public Subject subject() { return Subject.slot(task, generation).withAction(action); }
    }

    /** The dext reads an entry of the Process call's index array. */
    record IndexRead(int index, int count) implements Payload {
        public EventKind kind() { return EventKind.INDEX_READ; }
        public String text() { return "read parallelRequestSlotIndices[" + index + "] (count " + count + ")"; }
    }

    /**
     * The dext reads a command-slot field or writes a response-slot field ({@code value} when written)
     * through a view of {@code generation}, which is absent when the slot was not handed to the dext.
     */
    record SlotAccess(boolean write, int slot, OptionalInt generation, String field, Optional<String> value) implements Payload {
        public EventKind kind() { return write ? EventKind.SLOT_WRITE : EventKind.SLOT_READ; }
        /** "read fCommandDescriptorBlock", "write fBytesTransferred = 1536" */
        public String access() { return (write ? "write " : "read ") + field + value.map(v -> " = " + v).orElse(""); }
        public String text() { return access() + " (" + (write ? "response" : "command") + " slot " + slot + ")"; }
        public Subject subject() { return generation.isPresent() ? Subject.slot(slot, generation.getAsInt()) : Subject.slot(slot); }
    }

    /** The dext writes {@code length} sense bytes into a response slot ({@code about}: which one, if known). */
    record SenseWrite(Subject about, int length) implements Payload {
        public EventKind kind() { return EventKind.SLOT_WRITE; }
        public String text() { return "write " + length + " sense bytes"; }
        public Subject subject() { return about; }
    }

    /** BundledParallelTaskCompletion for {@code slots}; a completion of one slot names its generation. */
    record Complete(List<Integer> slots, OptionalInt generation, String action) implements Payload {
        public Complete {
            slots = List.copyOf(slots);
        }
        public EventKind kind() { return EventKind.COMPLETE; }
        public String text() { return "Complete(" + join(slots) + ")"; }
        public Subject subject() {
            return (slots.size() == 1 ? Subject.slot(slots.get(0), generation.orElse(0)) : Subject.NONE).withAction(action);
        }
    }

    /** ParallelTaskCompletion naming {@code taskId}, which is the framework's {@code task} when it knows it. */
    record TaskCompletion(OptionalInt task, OptionalInt generation, long taskId, String action) implements Payload {
        public EventKind kind() { return EventKind.COMPLETE; }
        public String text() {
            return "ParallelTaskCompletion(" + (task.isPresent() ? "task " + task.getAsInt() : "task 0x" + Long.toHexString(taskId)) + ")";
        }
        public Subject subject() {
            return (task.isPresent() ? Subject.slot(task.getAsInt(), generation.orElse(0)) : Subject.NONE).withAction(action);
        }
    }

    /** The framework took a slot or task back after its completion. */
    record Returned(Unit unit, int index, int generation, Optional<String> action) implements Payload {
        public EventKind kind() { return EventKind.RETURNED; }
        public String text() { return unit.noun() + " " + index + " gen " + generation + (unit == Unit.SLOT ? " returned" : " done"); }
        public Subject subject() { return Subject.slot(index, generation).withAction(action); }
    }

    /** UserProcessParallelTask returned a final {@code response}: the kernel completes the task itself. */
    record KernelCompleted(int task, int generation, String action, String response) implements Payload {
        public EventKind kind() { return EventKind.RETURNED; }
        public String text() { return "kernel completes task " + task + " itself (" + response + ")"; }
        public Subject subject() { return Subject.slot(task, generation).withAction(action); }
    }

    /** The framework dropped a completion ({@code why}: late, wrong version, unknown task). */
    record Dropped(Subject about, String why) implements Payload {
        public EventKind kind() { return EventKind.DROPPED; }
        public String text() { return why; }
        public Subject subject() { return about; }
    }

    /**
     * The kernel completes a command itself for a reason other than its timeout ({@code why}: an abort answered
     * FUNCTION_COMPLETE, the target removed, the controller stopped), with {@code status} (e.g. "as aborted").
     */
    record KernelCompletes(Unit unit, int index, int generation, Optional<String> action, String why, String status) implements Payload {
        public EventKind kind() { return EventKind.KERNEL_COMPLETE; }
        public String text() {
            return why + ": the kernel completes " + unit.noun() + " " + index + " gen " + generation + " " + status;
        }
        public Subject subject() { return Subject.slot(index, generation).withAction(action); }
    }

    /** A SAM-2 task-management call ({@code call}, e.g. "UserAbortTaskRequest(target 0, tag 5)") into the dext, and its answer once it returned. */
    record TaskManagement(String call, int slot, int generation, Optional<String> response) implements Payload {
        public EventKind kind() { return EventKind.TASK_MANAGEMENT; }
        public String text() {
            return response.map(r -> "return from " + call + ": *response = " + r).orElse(call + " about slot " + slot);
        }
        public Subject subject() { return Subject.slot(slot, generation); }
    }

    /** A task-management call the kernel did not send: the command it names is no longer in flight ({@code why}). */
    record TaskManagementSkipped(String method, int slot, int generation, String why) implements Payload {
        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return "no " + method + ": slot " + slot + " " + why; }
        public Subject subject() { return Subject.slot(slot, generation); }
    }

    /** Target {@code target} went away: the kernel force-completes its outstanding tasks. */
    record TargetRemoved(long target) implements Payload {
        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return "target " + target + " removed: the kernel force-completes its outstanding tasks"; }
    }

    /** The kernel's per-command timeout fired and the kernel completed the command itself. */
    record Timeout(Unit unit, int index, int generation, Optional<String> action) implements Payload {
        public EventKind kind() { return EventKind.TIMEOUT; }
        public String text() {
            return "timeout " + unit.noun() + " " + index + " gen " + generation + ": kernel completes it (TaskTimeoutOccurred)";
        }
        public Subject subject() { return Subject.slot(index, generation).withAction(action); }
    }

    // ---- OSAction life cycle

    /** What happened to an OSAction, and how the step reads ("retain action#1"). */
    enum ActionOp {
        CREATE(EventKind.ACTION_CREATE, "create "), RETAIN(EventKind.RETAIN, "retain "), RELEASE(EventKind.RELEASE, "release "),
        FRAMEWORK_RELEASE(EventKind.RELEASE, "framework releases "), CANCEL(EventKind.CANCEL, "cancel "),
        FRAMEWORK_TEARDOWN(EventKind.CANCEL, "framework tears down "),
        FREE(EventKind.FREE, "free "), ABORTED(EventKind.ABORTED, "Aborted handler of ");

        final EventKind kind;
        final String words;

        ActionOp(EventKind kind, String words) {
            this.kind = kind;
            this.words = words;
        }
    }

    /** One step of an OSAction's life: create, retain, release, cancel, free, its Aborted handler. */
    record ActionStep(ActionOp op, String action) implements Payload {
        public EventKind kind() { return op.kind; }
        public String text() { return op.words + action; }
        public Subject subject() { return Subject.action(action); }
    }

    /** At the end of the run (or {@code when}) the dext still holds references to {@code action}. */
    record Leaked(String action, String when) implements Payload {
        public Leaked(String action) {
            this(action, "at the end");
        }

        public EventKind kind() { return EventKind.NOTE; }
        public String text() { return action + " still retained by the dext " + when; }
        public Subject subject() { return Subject.action(action); }
    }

    /** Call-scoped memory ({@code memory} of call {@code call}) read, or written with {@code value}, after the call returned. */
    record ScopedAccess(String memory, String call, Optional<String> value) implements Payload {
        public EventKind kind() { return EventKind.SCOPED_ACCESS; }
        /** "read", "write 5 to" */
        public String access() { return value.map(v -> "write " + v + " to").orElse("read"); }
        public String text() { return access() + " " + memory + " of returned " + call; }
    }

    // ---- the dext's own state

    /** A SharedVariable read. */
    record VarRead(String variable) implements VariableAccess {
        public EventKind kind() { return EventKind.VAR_READ; }
        public String text() { return "read " + variable; }
    }

    /** A SharedVariable write of {@code value} (which may be null: the driver wrote null). */
    record VarWrite(String variable, Object value) implements VariableAccess {
        public EventKind kind() { return EventKind.VAR_WRITE; }
        public String text() { return "write " + variable + " = " + value; }
    }

    /** A plain field or array element of the dext read or written at source line {@code site} (instrumented ivars). */
    record FieldAccess(boolean write, String variable, String site) implements VariableAccess {
        public EventKind kind() { return write ? EventKind.VAR_WRITE : EventKind.VAR_READ; }
        public String text() { return (write ? "write " : "read ") + variable + " at " + site; }
    }

    /** A CommandTable entry set after its command completed. */
    record TableWrite(String table, int slot, int generation, String value) implements Payload {
        public EventKind kind() { return EventKind.TABLE_WRITE; }
        /** The entry, as the variable it is: {@code inFlight[3]}. */
        public String entry() { return table + "[" + slot + "]"; }
        public String text() { return entry() + " = " + value + " after its command completed"; }
        public Subject subject() { return Subject.slot(slot, generation); }
    }

    // ---- hardware

    record HardwareStart(int tag) implements Payload {
        public EventKind kind() { return EventKind.HW_START; }
        public String text() { return "HW start tag " + tag; }
        // no subject: the tag is the dext's own ID, not a slot index
    }

    /** The hardware finished the command with this tag; {@code outcome} says how (status, sense, bytes), in SCSI words. */
    record Interrupt(int tag, String outcome) implements Payload {
        public Interrupt(int tag) {
            this(tag, null);
        }

        public EventKind kind() { return EventKind.INTERRUPT; }
        public String text() { return "interrupt: tag " + tag + " done" + (outcome == null ? "" : ": " + outcome); }
    }

    record RingRead() implements Payload {
        public EventKind kind() { return EventKind.RING_READ; }
        public String text() { return "read completion ring"; }
    }

    /** The driver threw, hung or spun: a finding of {@code rule}, not a crash of the campaign. */
    record Fault(RuleId rule, String message) implements Payload {
        public EventKind kind() { return EventKind.FAULT; }
        public String text() { return rule.id() + ": " + message; }
    }

    private static String join(List<Integer> slots) {
        return slots.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
