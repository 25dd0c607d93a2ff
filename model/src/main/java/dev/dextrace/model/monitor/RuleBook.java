package dev.dextrace.model.monitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a run knows: the protocol's own ({@link Rule}, in PROTOCOL.md's order) followed by the custom rules of
 * the invariants that ran, in their order. What a design's {@code violates}, results.json and the report look IDs up in.
 */
public final class RuleBook {
    /** The protocol's rules only. */
    public static final RuleBook PROTOCOL = new RuleBook(List.of());

    private final Map<String, RuleId> byId = new LinkedHashMap<>();
    private final List<RuleId.Custom> custom;

    private RuleBook(List<RuleId.Custom> custom) {
        for (Rule r : Rule.values()) {
            byId.put(r.id(), r);
        }
        this.custom = List.copyOf(custom);
        custom.forEach(c -> byId.put(c.id(), c));
    }

    /**
     * The protocol's rules and these; refuses a custom rule that reuses a protocol rule's ID, and two different
     * custom rules under one ID (the same rule twice, e.g. from two designs with one invariant, is kept once).
     */
    public static RuleBook of(Collection<RuleId.Custom> custom) {
        Map<String, RuleId.Custom> kept = new LinkedHashMap<>();
        for (RuleId.Custom c : custom) {
            refuseProtocolId(c, "custom rule");
            RuleId.Custom before = kept.putIfAbsent(c.id(), c);
            if (before != null && !before.equals(c)) {
                throw new IllegalArgumentException("custom rule " + c.id() + " is declared twice with different meanings: \""
                        + before.meaning() + "\" and \"" + c.meaning() + "\"");
            }
        }
        return new RuleBook(new ArrayList<>(kept.values()));
    }

    /** Refuses a custom rule that would shadow a protocol rule; {@code who} names what declared it. */
    public static void refuseProtocolId(RuleId.Custom rule, String who) {
        if (PROTOCOL.byId.containsKey(rule.id())) {
            throw new IllegalArgumentException(who + " declares rule " + rule.id() + ", which is a protocol rule (PROTOCOL.md §7); "
                    + "a custom rule needs an ID of its own, not one of " + PROTOCOL.ids());
        }
    }

    public Optional<RuleId> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The rule with this ID; the message lists the known IDs when there is none. */
    public RuleId byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("rule id '" + id + "' is unknown; valid ids: " + ids()));
    }

    public boolean knows(String id) {
        return byId.containsKey(id);
    }

    /** Position in the book: protocol rules first, then the custom ones; unknown IDs last. */
    public int order(String id) {
        int i = 0;
        for (String known : byId.keySet()) {
            if (known.equals(id)) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** The custom rules, in declaration order. */
    public List<RuleId.Custom> custom() {
        return custom;
    }

    public boolean isCustom(String id) {
        return byId.get(id) instanceof RuleId.Custom;
    }

    /** Every known ID, comma-separated, protocol first. */
    public String ids() {
        return String.join(", ", byId.keySet());
    }
}
