package dev.dextrace.model.scenario;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.World;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.FrameworkConfig;

import java.util.function.Consumer;

/**
 * One situation to put a design in, defined once and run by every engine (jcstress, Lincheck, the
 * controlled runtime): the framework's configuration, the hardware, and the work the kernel submits.
 * An engine builds the world with {@link #builder}, chooses how its threads run, then {@link #load}s it.
 */
public record Scenario(String name, String description, DriverDesign.Path path, FrameworkConfig config,
                       Consumer<World> workload, LaneMapping laneMapping) {

    public Scenario {
        if (laneMapping == null) {
            throw new IllegalArgumentException("laneMapping must not be null (LaneMapping.FIRST: the engines' own)");
        }
    }

    /** A scenario in the engines' first lane mapping. */
    public Scenario(String name, String description, DriverDesign.Path path, FrameworkConfig config, Consumer<World> workload) {
        this(name, description, path, config, workload, LaneMapping.FIRST);
    }

    /**
     * The same scenario with the dext's queues on the two lanes another way, named {@code <name>+lanes-cc}: for a
     * design with two or more queues of its own, some queues share a lane in any one mapping and never overlap.
     */
    public Scenario inLaneMapping(LaneMapping mapping) {
        return new Scenario(LaneMapping.parse(name).base() + mapping.suffix(), description, path, config, workload, mapping);
    }

    public boolean appliesTo(DesignEntry design) {
        return design.path() == path;
    }

    /**
     * A world builder for this scenario and design, with the design's and the project's invariants (a fresh
     * instance each): every engine builds its worlds here, so every engine runs them. The engine adds how threads run.
     */
    public World.Builder builder(DesignEntry design) {
        if (!appliesTo(design)) {
            throw new IllegalArgumentException("scenario " + name + " is for " + path + " designs; " + design.name()
                    + " uses the " + design.path() + " path");
        }
        World.Builder b = World.builder(design::create).config(config).latencyNanos(0).laneMapping(laneMapping);
        design.invariants().forEach(i -> b.invariant(i::create));
        return b;
    }

    /** The world for one run on the engines' two lanes without preemption (each lane runs while it can); not run yet. */
    public World loadWithoutPreemption(DesignEntry design) {
        return load(builder(design).twoLanes().controlled(Strategy.runToCompletion()));
    }

    /** Builds (boots) the world and submits the scenario's work; nothing has run yet. */
    public World load(World.Builder builder) {
        World w = builder.build();
        workload.accept(w);
        return w;
    }
}
