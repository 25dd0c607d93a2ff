package dev.dextrace.stress.fork;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;

import java.nio.file.Path;

/**
 * What a jcstress fork is told by the campaign through system properties: jcstress runs scenario
 * classes, never designs, so the design travels as {@code -Ddextrace.design} on the forked VM's
 * command line (a catalogue name or a user design's class name).
 */
public final class ForkConfig {
    public static final String DESIGN = "dextrace.design";
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

    /** Where violating samples are kept; none when jcstress is run by hand without the campaign. */
    static SampleRecorder recorder(DesignEntry design) {
        String dir = System.getProperty(SAMPLES_DIR);
        int limit = Integer.getInteger(SAMPLES_PER_OUTCOME, 3);
        return dir == null || dir.isBlank() ? null : new SampleRecorder(Path.of(dir), design, limit);
    }
}
