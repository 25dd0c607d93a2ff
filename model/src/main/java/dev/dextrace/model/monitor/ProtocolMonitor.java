package dev.dextrace.model.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every protocol event of a run and the violations the model finds. Recording is lock-free:
 * one atomic counter orders events, so observing adds no lock around driver code (it does add the
 * counter's memory ordering, which matters only for Java-level visibility bugs, not the protocol
 * races dextrace looks for). Each event is also the point where a controlled run may switch threads.
 */
public final class ProtocolMonitor {
    /** Violations kept per rule and run; later ones of the same rule add nothing a reader needs. */
    static final int MAX_PER_RULE = 8;
    /** Events a violation keeps as its story. */
    static final int STORY = 40;

    private final EventSite scheduler;
    private final java.util.List<Invariant> invariants;
    private final int maxEvents;
    private final boolean keepTrace;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicInteger stored = new AtomicInteger();
    private final ConcurrentLinkedQueue<ProtocolEvent> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Violation> violations = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> perRule = new ConcurrentHashMap<>();
    private volatile ProtocolEvent last;
    /** "Sources" mode: where the driver caused each event; null (the engines' hot path: off) records nothing. */
    private volatile java.util.function.Supplier<Optional<String>> where;
    private final Map<Long, String> sources = new ConcurrentHashMap<>();
    private volatile boolean truncated;

    public ProtocolMonitor(EventSite scheduler, java.util.List<Invariant> invariants, int maxEvents) {
        this(scheduler, invariants, maxEvents, true);
    }

    /**
     * @param keepTrace false: keep no event log and no stories, only the verdicts (the rules are still
     *                  checked, as they are the protocol's own bookkeeping): the "monitor off" of the benchmarks
     */
    public ProtocolMonitor(EventSite scheduler, java.util.List<Invariant> invariants, int maxEvents, boolean keepTrace) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, was " + maxEvents);
        }
        this.keepTrace = keepTrace;
        this.scheduler = scheduler;
        this.invariants = java.util.List.copyOf(invariants);
        this.maxEvents = maxEvents;
    }

    /**
     * Sources mode, for replaying one finding for its report card: from now on each event also records
     * {@code where.get()} on the recording thread (e.g. the driver's top stack frame, file:line; empty
     * when the driver did not cause the event). Off by default, so the engines' runs pay nothing.
     */
    public void recordSources(java.util.function.Supplier<Optional<String>> where) {
        this.where = where;
    }

    /** Where the driver caused the event with this seq, in sources mode, if recorded. */
    public Optional<String> source(long seq) {
        return Optional.ofNullable(sources.get(seq));
    }

    /** Records an event by the calling thread, after letting a controlled run switch threads. */
    public ProtocolEvent record(Payload payload) {
        scheduler.switchPoint();
        return append(payload);
    }

    /**
     * Records an event and applies its effect as one step with respect to every other step guarded
     * by the same object, so the recorded order is the order the effects took place in, which is
     * what lets a controlled run replay a free run. The switch point comes before the guard is taken.
     */
    public <T> T recordAndApply(Object guard, Payload payload, java.util.function.Function<ProtocolEvent, T> effect) {
        scheduler.switchPoint();
        synchronized (guard) {
            return effect.apply(append(payload));
        }
    }

    /**
     * Records an event without a switch point, for an effect of {@link #recordAndApply} that records a
     * further event in its own step (an action's last release that frees it).
     */
    public ProtocolEvent recordInStep(Payload payload) {
        return append(payload);
    }

    private ProtocolEvent append(Payload payload) {
        ProtocolEvent e = new ProtocolEvent(seq.getAndIncrement(), scheduler.currentLane(), scheduler.currentQueue(),
                scheduler.currentPlace(), payload);
        java.util.function.Supplier<Optional<String>> at = where;
        if (at != null) {
            at.get().ifPresent(source -> sources.put(e.seq(), source));
        }
        if (payload.kind().changesState()) {
            changes.incrementAndGet();
        }
        if (keepTrace) {
            if (stored.incrementAndGet() <= maxEvents) {
                events.add(e);
            } else {
                truncated = true;
            }
        }
        last = e;
        for (Invariant inv : invariants) {
            synchronized (inv) {
                inv.onEvent(e, (rule, msg, about) -> violate(declared(inv, rule), msg, about, e));
            }
        }
        return e;
    }

    /** Files a violation about nothing in particular (a queue, a lock, a variable) whose trigger is {@code at}. */
    public void violate(RuleId rule, String message, ProtocolEvent at) {
        violate(rule, message, Subject.NONE, at);
    }

    /** Files a violation whose trigger is {@code at}; keeps the events about the same slot or action. */
    public void violate(RuleId rule, String message, Subject about, ProtocolEvent at) {
        violate(rule, message, about, at, Set.of());
    }

    /**
     * Files a violation whose trigger is {@code at}, keeping also the events {@code alsoShown} (by seq) in its story: a
     * race's other access, so the interleaving shows both sides.
     */
    public void violate(RuleId rule, String message, Subject about, ProtocolEvent at, Set<Long> alsoShown) {
        if (perRule.computeIfAbsent(rule.id(), k -> new AtomicInteger()).incrementAndGet() > MAX_PER_RULE) {
            return;
        }
        violations.add(new Violation(rule, message, about,
                at == null ? null : at.queue(), at == null ? Thread.currentThread().getName() : at.lane(), story(at, about, alsoShown)));
    }

    /**
     * Files a fault of the driver (HANG-1, EXC-1) that happened on {@code queue} and {@code thread}: the
     * caller may be another thread (a watchdog). No switch point: a fault is bookkeeping, and it must
     * be filed even when the run has stopped.
     */
    public void fault(RuleId rule, String message, String queue, String thread) {
        ProtocolEvent e = append(new Payload.Fault(rule, message));
        if (perRule.computeIfAbsent(rule.id(), k -> new AtomicInteger()).incrementAndGet() <= MAX_PER_RULE) {
            violations.add(new Violation(rule, message, Subject.NONE, queue, thread, story(e, Subject.NONE, Set.of())));
        }
    }

    /** Tells every invariant the run has ended. */
    public void runEnded() {
        for (Invariant inv : invariants) {
            synchronized (inv) {
                inv.onRunEnd((rule, msg, about) -> violate(declared(inv, rule), msg, about, last));
            }
        }
    }

    /**
     * An invariant files only what its {@code rules()} declares: results.json and the report know a custom rule's
     * meaning from that declaration. Filing another is the invariant's bug, thrown where it happens.
     */
    private static RuleId declared(Invariant inv, RuleId rule) {
        if (rule == null || inv.rules().stream().noneMatch(r -> r.id().equals(rule.id()))) {
            throw new IllegalStateException("invariant " + inv.getClass().getName() + " filed rule " + rule
                    + ", which its rules() does not declare: " + inv.rules());
        }
        return rule;
    }

    private io.vavr.collection.List<ProtocolEvent> story(ProtocolEvent at, Subject about, Set<Long> alsoShown) {
        if (at == null || !keepTrace) {
            return io.vavr.collection.List.empty();
        }
        java.util.List<ProtocolEvent> kept = new ArrayList<>();
        for (ProtocolEvent e : events) {
            if (e.seq() > at.seq()) {
                continue;
            }
            Subject other = e.payload().subject();
            boolean related = e.seq() == at.seq() || alsoShown.contains(e.seq())
                    || (about.slot().isPresent() && about.slot().equals(other.slot()))
                    || (about.action().isPresent() && about.action().equals(other.action()))
                    || e.kind() == EventKind.PROCESS_BEGIN || e.kind() == EventKind.PROCESS_END
                    || e.kind() == EventKind.WAIT || e.kind() == EventKind.ROUTE || e.kind() == EventKind.FAULT;
            if (related) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.comparingLong(ProtocolEvent::seq));
        int from = Math.max(0, kept.size() - STORY);
        java.util.List<ProtocolEvent> shown = new ArrayList<>(kept.subList(0, from));
        shown.removeIf(e -> !alsoShown.contains(e.seq())); // the story is the newest events, and always the ones asked for
        shown.addAll(kept.subList(from, kept.size()));
        return io.vavr.collection.List.ofAll(shown);
    }

    public ProtocolEvent lastEvent() {
        return last;
    }

    public long eventCount() {
        return seq.get();
    }

    /** How many events so far changed state (not reads): progress, as the stall bound counts it. */
    public long changeCount() {
        return changes.get();
    }

    /** Everything so far, as an immutable verdict. */
    public Verdict verdict(String endReason) {
        java.util.List<ProtocolEvent> all = new ArrayList<>(events);
        all.sort(Comparator.comparingLong(ProtocolEvent::seq));
        java.util.List<Violation> vs = new ArrayList<>(violations);
        vs.sort(Comparator.comparingLong(v -> v.trigger() == null ? Long.MAX_VALUE : v.trigger().seq()));
        return new Verdict(io.vavr.collection.List.ofAll(vs), io.vavr.collection.List.ofAll(all), truncated, endReason);
    }
}
