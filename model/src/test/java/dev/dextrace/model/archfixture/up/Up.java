package dev.dextrace.model.archfixture.up;

import dev.dextrace.model.archfixture.down.Down;

/** Half of a deliberate package cycle: proves the architecture test's cycle rule fires. */
public final class Up {
    public Down down() {
        return new Down();
    }
}
