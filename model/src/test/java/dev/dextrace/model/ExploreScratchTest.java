package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

class ExploreScratchTest {
    @Test
    void explore() {
        for (DesignEntry d : Catalogue.all()) {
            for (Scenario s : Scenarios.forDesign(d)) {
                Map<String, Integer> counts = new TreeMap<>();
                Verdict example = null;
                long t0 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    World w = s.load(s.builder(d).twoLanes());
                    Verdict v = w.run(Duration.ofSeconds(5));
                    counts.merge(v.outcome() + (v.faults().isEmpty() ? "" : " faults=" + v.faults().size()), 1, Integer::sum);
                    if (example == null && !v.isClean()) example = v;
                }
                System.out.printf("%-28s %-28s %s  (%d ms)%n", d.name(), s.name(), counts, (System.nanoTime() - t0) / 1_000_000);
                if (example != null && System.getenv("SHOW") != null) System.out.println(example.describe());
            }
        }
    }
}
