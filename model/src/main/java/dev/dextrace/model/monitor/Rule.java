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

    @Override
    public String toString() {
        return id;
    }
}
