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
}
