package dev.dextrace.stress;

import dev.dextrace.engine.Budget;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JcstressOptionsTest {
    @Test
    void extraJcstressOptionsOverrideTheBudgetsOnceEach() {
        List<String> args = JcstressOptions.of(Budget.SMOKE.jcstress(), List.of("-time", "2000", "-c", "1", "-v"));
        assertEquals(1, Collections.frequency(args, "-time"), args::toString);
        assertEquals("2000", args.get(args.indexOf("-time") + 1));
        assertEquals("1", args.get(args.indexOf("-c") + 1));
        assertTrue(args.contains("-v"));
        assertEquals("false", args.get(args.indexOf("-sc") + 1), "no split compilation: one fork per scenario");
    }

    /** A fork of several scenarios samples for their times together: -time is per scenario. */
    @Test
    void aForksSamplingTimeReplacesThePerScenarioTimeOnce() {
        List<String> args = JcstressOptions.of(Budget.SMOKE.jcstress(), List.of("-time", "700"));
        assertEquals(700, JcstressOptions.timeMillis(args));
        List<String> fork = JcstressOptions.withTime(args, 2100);
        assertEquals(1, Collections.frequency(fork, "-time"), fork::toString);
        assertEquals(2100, JcstressOptions.timeMillis(fork));
        assertEquals(Budget.SMOKE.jcstress().timeMillis(), JcstressOptions.timeMillis(JcstressOptions.of(Budget.SMOKE.jcstress(), List.of())));
    }
}
