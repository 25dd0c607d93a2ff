package dev.dextrace.model.monitor;

import java.util.regex.Pattern;

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

    /** Whether {@code id} is spelt as a rule ID: upper-case letters, digits and hyphens, e.g. {@code "SLOT-5"}, {@code "HW-1"}. */
    static boolean isWellFormed(String id) {
        return id != null && Custom.ID.matcher(id).matches();
    }

    /**
     * A rule defined outside PROTOCOL.md, by a user's invariant; also how results.json's {@code rules} section
     * spells one. The ID is upper-case letters, digits and hyphens, because it travels in jcstress outcome strings
     * ("EXPECTED HW-1,Q-3"), file names and HTML anchors.
     */
    record Custom(String id, String meaning, String consequence) implements RuleId {
        private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");

        public Custom {
            if (!isWellFormed(id)) {
                throw new IllegalArgumentException("rule id " + (id == null ? "null" : "'" + id + "'")
                        + " must be upper-case letters, digits and hyphens, such as \"HW-1\"");
            }
            if (meaning == null || meaning.isBlank()) {
                throw new IllegalArgumentException("rule " + id + " needs a meaning: one sentence saying what it demands");
            }
            consequence = consequence == null ? "" : consequence;
        }

        /** A rule without a word on what breaking it does on a Mac. */
        public Custom(String id, String meaning) {
            this(id, meaning, "");
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
