package dev.dextrace.model.archfixture.down;

import dev.dextrace.model.archfixture.up.Up;

/** The other half of the deliberate package cycle. */
public final class Down {
    public Up up() {
        return new Up();
    }
}
