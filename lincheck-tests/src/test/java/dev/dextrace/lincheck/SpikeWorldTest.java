package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

class SpikeWorldTest {
    static final class Box { volatile World w; }
    private final Box box = new Box();

    void run(String design, String scenario, int inv) {
        DesignEntry d = Catalogue.byName(design);
        Scenario s = Scenarios.byName(scenario);
        int[] count = {0};
        long t0 = System.nanoTime();
        try {
            Lincheck.runConcurrentTestInternal$lincheck(inv, new org.jetbrains.lincheck.LincheckSettings(Boolean.parseBoolean(System.getProperty("std","true")), 10, Integer.getInteger("lb", 100000), 1000), () -> {
                System.err.println("INVOCATION");
                box.w = s.load(s.builder(d).twoLanesDrivenByCaller());
                box.w.start();
                Thread a = new Thread(() -> box.w.lane(World.SUBMITTER).runWhileWork());
                Thread b = new Thread(() -> box.w.lane(World.COMPLETER).runWhileWork());
                a.start(); b.start();
                try { a.join(); b.join(); } catch (InterruptedException e) { throw new RuntimeException(e); }
                Verdict v = box.w.finish();
                if (!v.isClean()) throw new AssertionError(v.outcome() + "\n" + v.describe());
            });
            System.out.println("SPIKE " + design + "/" + scenario + ": clean after " + count[0] + " invocations, " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (AssertionError e) {
            String m = e.getMessage();
            System.out.println("SPIKE " + design + "/" + scenario + ": " + e.getClass().getSimpleName() + " after " + count[0] + " invocations, " + (System.nanoTime() - t0) / 1_000_000 + " ms\n" + m);
        }
    }

    @Test
    void spike() {
        run(System.getProperty("d", "bundled-recommended"), System.getProperty("s", "completion-races-submission"), Integer.getInteger("n", 50));
    }
}
