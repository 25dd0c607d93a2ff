package dev.dextrace.model.ivars;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.model.runtime.Strategy;

import java.time.Duration;

/**
 * What observing plain state costs (not a test: a measurement to run by hand, once with
 * -Ddextrace.ivars=on and once with =off, in separate JVMs):
 * <pre>java -Djdk.attach.allowAttachSelf=true -Ddextrace.ivars=on -cp ... dev.dextrace.model.ivars.IvarsCost bundled-recommended 5</pre>
 * Prints Exploration runs/s and the events/s of seeded controlled runs for one design class.
 */
public final class IvarsCost {
    private IvarsCost() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        @SuppressWarnings("unchecked")
        Class<? extends dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController> type =
                (Class<? extends dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController>) Class.forName(args[0]);
        DesignEntry d = DesignEntry.of(type);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            int runs = 0;
            long millis = 0;
            for (Scenario s : Scenarios.forDesign(d)) {
                Exploration.Result r = Exploration.explore(s, d, 40, 400, seen -> false);
                runs += r.runs();
                millis += r.millis();
            }
            long events = 0;
            long t0 = System.nanoTime();
            for (long seed = 0; seed < 200; seed++) {
                Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
                World w = s.load(s.builder(d).twoLanes().controlled(Strategy.seeded(seed)).withoutTrace());
                w.run(Duration.ofSeconds(20));
                events += w.monitor().eventCount();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (round > 0) {
                System.out.printf("ivars=%s %s round %d: exploration %d runs in %d ms = %.0f runs/s; seeded: %.0f events/run, %.0f events/s, %.0f runs/s%n",
                        System.getProperty(Ivars.PROPERTY, "on"), d.name(), round, runs, millis, runs * 1000.0 / millis,
                        events / 200.0, events / secs, 200 / secs);
            }
        }
    }
}
