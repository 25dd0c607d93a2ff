package dev.dextrace.model.monitor;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Matchers for the steps a script waits for or an invariant looks at, e.g.
 * {@code Strategy.script().run("Default", Events.hardwareStart(0)).run("InterruptQueue", Events.complete(0))}.
 * Each matches on the event's typed {@link Payload}, never its text, and describes itself for
 * messages about steps a script never reached.
 */
public final class Events {
    private Events() {
    }

    /** A predicate over events with the words that say what it waits for. */
    public record Matcher(String description, Predicate<Payload> accepts) implements Predicate<ProtocolEvent> {
        @Override
        public boolean test(ProtocolEvent e) {
            return accepts.test(e.payload());
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Any event of this kind. */
    public static Matcher kind(EventKind kind) {
        return new Matcher(kind.name(), p -> p.kind() == kind);
    }

    /** The hardware starts the command with this tag (the dext's choice; the catalogue's designs mostly use the slot index). */
    public static Matcher hardwareStart(int tag) {
        return new Matcher("HW start tag " + tag, p -> p instanceof Payload.HardwareStart h && h.tag() == tag);
    }

    /** A completion that names this slot (bundled) or task (legacy). */
    public static Matcher complete(int slot) {
        return new Matcher("completion of slot " + slot, p -> p instanceof Payload.Complete c ? c.slots().contains(slot)
                : p instanceof Payload.TaskCompletion t && t.task().equals(java.util.OptionalInt.of(slot)));
    }

    /** The framework issues (or reissues) this slot or task. */
    public static Matcher issue(int slot) {
        return new Matcher("issue of slot " + slot, p -> p instanceof Payload.Issue i && i.index() == slot);
    }

    /** A DispatchSync (or two-way call) onto {@code queue}. */
    public static Matcher syncTo(String queue) {
        return new Matcher("sync to " + queue, p -> p instanceof Payload.SyncTo s && s.queue().equals(queue));
    }

    /** The caller waits for {@code queue}, which another block holds. */
    public static Matcher waitFor(String queue) {
        return new Matcher("wait for " + queue, p -> p instanceof Payload.WaitFor w && w.queue().equals(queue));
    }

    /** A block labelled {@code block} begins. */
    public static Matcher blockBegin(String block) {
        return new Matcher("begin " + block, p -> p instanceof Payload.BlockBegin b && b.block().equals(block));
    }

    /** The dext retains any action. */
    public static Matcher retain() {
        return new Matcher("retain", p -> p instanceof Payload.ActionStep a && a.op() == Payload.ActionOp.RETAIN);
    }

    /** IOLockLock of {@code lock} (before it is taken). */
    public static Matcher lock(String lock) {
        return new Matcher("lock " + lock, p -> p instanceof Payload.Lock l && l.lock().equals(lock));
    }

    /** A read of a shared variable (a SharedVariable, a CommandTable entry, an observed field). */
    public static Matcher read(String variable) {
        return new Matcher("read " + variable, p -> p.kind() == EventKind.VAR_READ
                && p instanceof Payload.VariableAccess v && v.variable().equals(variable));
    }

    /** Any write of a shared variable. */
    public static Matcher write(String variable) {
        return new Matcher("write " + variable, p -> p.kind() == EventKind.VAR_WRITE
                && p instanceof Payload.VariableAccess v && v.variable().equals(variable));
    }

    /** A write of {@code value} to a SharedVariable. */
    public static Matcher write(String variable, Object value) {
        return new Matcher("write " + variable + " = " + value,
                p -> p instanceof Payload.VarWrite w && w.variable().equals(variable) && Objects.equals(w.value(), value));
    }
}
