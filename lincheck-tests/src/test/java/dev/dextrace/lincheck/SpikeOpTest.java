package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

public class SpikeOpTest {
    static DesignEntry D;
    static Scenario S;
    static final java.util.concurrent.atomic.AtomicInteger CTOR = new java.util.concurrent.atomic.AtomicInteger();
    private final World w;

    public SpikeOpTest() {
        System.err.println("CTOR");
        if (S == null) { w = null; return; }
        w = S.load(S.builder(D).twoLanesDrivenByCaller());
        w.start();
    }

    @Operation public void submitter() { w.lane(World.SUBMITTER).runWhileWork(); }
    @Operation public void completer() { w.lane(World.COMPLETER).runWhileWork(); }

    @Validate public void verdict() {
        Verdict v = w.finish();
        if (!v.isClean()) throw new AssertionError(v.outcome() + "\n" + v.describe());
    }

    @Test
    void spike() throws Exception {
        D = Catalogue.byName(System.getProperty("d", "bundled-recommended"));
        S = Scenarios.byName(System.getProperty("s", "completion-races-submission"));
        long t0 = System.nanoTime();
        var sub = SpikeOpTest.class.getMethod("submitter");
        var com = SpikeOpTest.class.getMethod("completer");
        try {
            new ModelCheckingOptions().iterations(0).invocationsPerIteration(Integer.getInteger("n", 50))
                .loopBound(Integer.getInteger("lb", 100000))
                .addCustomScenario(b -> { b.parallel(p -> { p.thread(t -> { t.actor(kotlin.reflect.jvm.ReflectJvmMapping.getKotlinFunction(sub)); return kotlin.Unit.INSTANCE; }); p.thread(t -> { t.actor(kotlin.reflect.jvm.ReflectJvmMapping.getKotlinFunction(com)); return kotlin.Unit.INSTANCE; }); return kotlin.Unit.INSTANCE; }); return kotlin.Unit.INSTANCE; })
                .check(SpikeOpTest.class);
            System.out.println("SPIKE clean, " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (AssertionError e) {
            System.out.println("SPIKE " + e.getClass().getSimpleName() + " " + (System.nanoTime() - t0) / 1_000_000 + " ms\n" + e.getMessage());
        }
    }
}
