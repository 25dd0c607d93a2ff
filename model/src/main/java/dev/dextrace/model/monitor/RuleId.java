package dev.dextrace.model.monitor;

/**
 * Anything a violation can be filed under: the protocol's own {@link Rule}s, or a rule a user adds
 * with an {@link Invariant} (see README, "Adding an invariant").
 */
public interface RuleId {
    /** Short ID such as {@code "SLOT-5"} or a user's {@code "HW-1"}. */
    String id();

    /** One sentence saying what the rule demands. */
    String meaning();

    /** One line on what breaking the rule does on a real Mac; a user's rule says nothing unless it overrides this. */
    default String consequence() {
        return "";
    }

    /** A rule defined outside PROTOCOL.md, e.g. by a user's invariant. */
    record Custom(String id, String meaning) implements RuleId {
        public Custom {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("id must be a non-blank rule ID such as \"HW-1\"");
            }
            meaning = meaning == null ? "" : meaning;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
