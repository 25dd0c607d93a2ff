package dev.dextrace.model.monitor;

/**
 * The protocol rules of {@code PROTOCOL.md} §7, and the driver faults (HANG-1, EXC-1), by ID. Every violation, test, harness outcome and
 * report names one of these; {@link #id()} is the spelling used everywhere outside Java.
 */
public enum Rule implements RuleId {
    SLOT_1("SLOT-1", Family.SLOT, "At start the framework owns every slot."),
    SLOT_2("SLOT-2", Family.SLOT,
            "Process hands exactly the listed slots (1 <= count <= 32, indices < N, no duplicates); entries at or beyond count are ignored."),
    SLOT_3("SLOT-3", Family.SLOT, "The dext reads a command slot and writes a response slot only while it owns the slot."),
    SLOT_4("SLOT-4", Family.SLOT,
            "Complete returns each listed slot to the framework exactly once; completing a slot the dext does not own is a wrong-I/O completion."),
    SLOT_5("SLOT-5", Family.SLOT,
            "Once the dext has called Complete for a slot it never touches that slot again, not even later in the same function."),
    SLOT_6("SLOT-6", Family.SLOT,
            "Response slot i answers command slot i: same fControllerTaskIdentifier and fTargetID, version = 1."),
    SLOT_7("SLOT-7", Family.SLOT, "Sense length <= 256 and the response fields are fully written before Complete."),
    ACT_1("ACT-1", Family.ACT,
            "An action kept past the call that delivered it is retained first and released exactly once after its last use."),
    ACT_2("ACT-2", Family.ACT, "No use (invoke, retain, release) of an action after its last release: use-after-free."),
    ACT_3("ACT-3", Family.ACT, "No completion through a cancelled action; never cancel a framework action."),
    ACT_4("ACT-4", Family.ACT,
            "A completion goes through the method the action is typed for (bundled vs legacy completion)."),
    ACT_5("ACT-5", Family.ACT,
            "No reference to call-scoped memory (an argument, a stack local such as the response out-parameter) survives into an asynchronous path."),
    Q_1("Q-1", Family.Q,
            "Framework-called methods run on Default unless a queue is registered; redirecting the I/O Process methods to another queue is unsupported."),
    Q_2("Q-2", Family.Q, "Two blocks of one serial queue never overlap; blocks of different queues may."),
    Q_3("Q-3", Family.Q, "State shared between blocks of different queues is synchronized by the dext."),
    Q_4("Q-4", Family.Q, "No cycle of synchronous waits between queues or with the framework (deadlock)."),
    CMP_1("CMP-1", Family.CMP,
            "Every issued command completes exactly once: by the dext or by the kernel's timeout, never both, never neither."),
    CMP_2("CMP-2", Family.CMP,
            "A completion may run before the Process call that delivered its slot has returned; a correct dext must be safe under that."),
    CMP_3("CMP-3", Family.CMP,
            "A legacy call that returns a service response other than Request_In_Process must not also complete through the action."),
    HANG_1("HANG-1", Family.FAULT,
            "Every block the dext runs returns: it never spins or waits forever for something no other thread will do."),
    EXC_1("EXC-1", Family.FAULT,
            "No exception escapes a block of the dext: on a Mac it would crash the dext with every command it held.");

    /**
     * The four rule families of PROTOCOL.md §7, and FAULT: the driver hung or threw, which the protocol
     * does not name but every engine must report (docs/decisions.md, "Faults are findings").
     */
    public enum Family { SLOT, ACT, Q, CMP, FAULT }

    private final String id;
    private final Family family;
    private final String meaning;

    Rule(String id, Family family, String meaning) {
        this.id = id;
        this.family = family;
        this.meaning = meaning;
    }

    /** The rule's ID as PROTOCOL.md spells it, e.g. {@code "SLOT-5"}. */
    @Override
    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** One sentence from PROTOCOL.md §7. */
    @Override
    public String meaning() {
        return meaning;
    }

    /** The rule with this ID; the message lists the valid IDs when there is none. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("rule id '" + id + "' is unknown; valid ids: "
                + java.util.Arrays.stream(values()).map(Rule::id).toList());
    }

    /**
     * What breaking the rule does on a Mac (PROTOCOL.md §1, §6, §9), one line for a driver engineer.
     * A switch rather than a constructor argument, so rules added to the enum need no change here.
     */
    @Override
    public String consequence() {
        return switch (this) {
            case SLOT_1, SLOT_3 -> "The dext reads a command the kernel is still writing or overwrites another I/O's response: wrong data returned to another I/O.";
            case SLOT_2 -> "The dext works on slots it was not handed: a wrong command is started, or another I/O's response is overwritten.";
            case SLOT_4 -> "The kernel credits the completion to whatever I/O now holds the slot: wrong data returned to another I/O, and the real one times out.";
            case SLOT_5 -> "The kernel may already have reissued the slot: the dext corrupts the next I/O's command or response (seed: dext corpse, then kernel panic).";
            case SLOT_6 -> "The response answers another command, or (version != 1) the I/O is silently never completed and times out.";
            case SLOT_7 -> "Sense data overruns fSenseBuffer or a half-written response is returned: memory corruption or wrong data to the caller.";
            case ACT_1 -> "The action leaks (never released) or is freed while the dext still holds it: a later completion is a use-after-free, the dext crashes.";
            case ACT_2, ACT_5 -> "Use-after-free in the dext: it crashes (corpse, \"address size fault\"), the kernel fails every outstanding I/O.";
            case ACT_3 -> "The completion is dropped by the cancelled action: the I/O hangs until the kernel's timeout.";
            case ACT_4 -> "The kernel is told of a completion through the wrong method: the I/O is never completed, or completed as another I/O.";
            case Q_1 -> "The I/O calls never reach the dext's queue: the dext stays [activated waiting for user], I/O times out, the machine may panic on load (seed, attempt 1).";
            case Q_2 -> "Two blocks of a serial queue run at once: every assumption of the dext's serial code breaks, state is corrupted.";
            case Q_3 -> "A data race on the dext's own state: lost or torn updates, a command completed twice or never (crash or timeout).";
            case Q_4 -> "Deadlock: the queues stop, every I/O times out (timeout storm), and the kernel may panic (the seed's attempt 1).";
            case CMP_1 -> "A command completed twice (kernel credits the second to another I/O) or never (timeout, the file system sees an I/O error).";
            case CMP_2 -> "The dext's bookkeeping is wrong for a command completed before Process returned: double completion or a leak under fast commands (TEST UNIT READY).";
            case CMP_3 -> "The I/O is completed twice: the second completion lands on another I/O or panics older kernels.";
            case HANG_1 -> "A block never returns: its queue stops, every I/O behind it times out (timeout storm).";
            case EXC_1 -> "The dext crashes (corpse): the kernel fails every outstanding I/O and terminates its services; repeated crashes can panic.";
            default -> "";
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
