package dev.dextrace.stress.fork;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a jcstress fork is told by the campaign through system properties: jcstress runs one test class,
 * never designs or scenarios, so the design travels as {@code -Ddextrace.design} on the forked VM's command
 * line (a catalogue name or a user design's class name), and the scenario as {@code -Ddextrace.scenarios}:
 * its name in each lane mapping the fork samples, in turn ({@code a,a+lanes-sc,a+lanes-cc}).
 */
public final class ForkConfig {
    public static final String DESIGN = "dextrace.design";
    public static final String SCENARIOS = "dextrace.scenarios";
    public static final String SAMPLES_DIR = "dextrace.samples";
    public static final String SAMPLES_PER_OUTCOME = "dextrace.samplesPerOutcome";

    private ForkConfig() {
    }

    /** @throws IllegalStateException unless the name is exactly one design: a fork without one cannot sample */
    static DesignEntry design(String name) {
        if (name == null || name.isBlank() || name.equals("all") || name.contains(",")) {
            throw new IllegalStateException("a jcstress fork needs exactly one design: pass -D" + DESIGN
                    + "=<catalogue name or class name> to the forked VM (StressCampaign does), got " + name);
        }
        return Catalogue.select(name).head();
    }

    /** The fork's option naming {@code scenarios}, which {@link #scenarios} reads back. */
    public static String scenariosOption(List<Scenario> scenarios) {
        return "-D" + SCENARIOS + "=" + scenarios.stream().map(Scenario::name).collect(Collectors.joining(","));
    }

    /** @throws IllegalArgumentException naming the scenarios there are, unless every name is one: a fork without one cannot sample */
    public static List<Scenario> scenarios(String names) {
        List<Scenario> scenarios = names == null ? List.of()
                : Stream.of(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).map(Scenarios::byName).toList();
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("a jcstress fork needs a scenario: pass -D" + SCENARIOS
                    + "=<scenario>[,<scenario>+lanes-..] to the forked VM (JcstressEngine does); scenarios: "
                    + Scenarios.all().map(Scenario::name).mkString(", "));
        }
        return scenarios;
    }

    /** Where violating samples are kept; none when jcstress is run by hand without the campaign. */
    static SampleRecorder recorder(DesignEntry design) {
        String dir = System.getProperty(SAMPLES_DIR);
        int limit = Integer.getInteger(SAMPLES_PER_OUTCOME, 3);
        return dir == null || dir.isBlank() ? null : new SampleRecorder(Path.of(dir), design, limit);
    }
}
