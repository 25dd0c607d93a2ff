package dev.dextrace.engine;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.ivars.Ivars;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A search engine: what differs between jcstress, Lincheck and the controlled runtime. Everything else of a
 * run (options, time limit, interruption, results writing, exit codes) is {@link EngineMain}'s. Implementations
 * are found through {@link ServiceLoader} ({@code META-INF/services/dev.dextrace.engine.Engine}).
 */
public interface Engine {
    /** "jcstress": the key in results.json's engines, and the results file's name ({@code jcstress.json}). */
    String name();

    /** The options the engine's own JVM needs (the campaign runs each engine in a child JVM). */
    default List<String> jvmOptions() {
        return Ivars.childJvmOptions();
    }

    /**
     * How many cores a run keeps busy. The campaign runs engines side by side while their cores fit the machine's:
     * a search that runs one thread at a time takes one (the controlled runtime); jcstress takes two, since its
     * actors must run at the same time on cores of their own to overlap, and Lincheck two, since its waiting threads spin.
     */
    default int cores() {
        return 1;
    }

    /** The engine's own knobs, given as {@code --set key=value}: key and what it means. */
    default Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Starts a run of this engine writing under {@code out}.
     *
     * @param settings the {@code --set} values; keys are among {@link #settings()}. A bad value is an
     *                 IllegalArgumentException whose message names the setting and what it allows.
     */
    Session open(Budget budget, Path out, Map<String, String> settings) throws IOException;

    /** One run of the engine over the selected designs, one design at a time. */
    interface Session extends AutoCloseable {
        /** What results.json's {@code budget} records besides the filters: the figures this run used. */
        Map<String, Object> budgetInfo();

        /** Searches one design over the scenarios that apply to it. */
        DesignResult run(DesignEntry design, List<Scenario> scenarios, Progress progress) throws IOException, InterruptedException;

        @Override
        default void close() throws IOException {
        }
    }

    /**
     * What a design's search came to.
     *
     * @param design   its results.json entry
     * @param problems why the search cannot be trusted (a scenario the engine did not run); empty when it ran
     * @param summary  one line for the console
     */
    record DesignResult(Results.Design design, List<String> problems, String summary) {
        public DesignResult {
            problems = List.copyOf(problems);
        }
    }

    /** How a search reports while it runs, and learns that the run is being stopped. */
    interface Progress extends Consumer<String> {
        /** True once the run is stopping (time limit, signal): a search between steps may end early. */
        boolean stopping();
    }

    /** Every engine on the class path, by name. */
    static Map<String, Engine> all() {
        Map<String, Engine> byName = new java.util.TreeMap<>();
        ServiceLoader.load(Engine.class).forEach(e -> byName.put(e.name(), e));
        return byName;
    }

    /** The engine called {@code name}; otherwise an IllegalArgumentException naming the option and the engines. */
    static Engine named(String name) {
        Map<String, Engine> all = all();
        Engine e = all.get(name == null ? "" : name.trim());
        if (e == null) {
            throw new IllegalArgumentException("--engine '" + name + "' is not an engine; engines: " + String.join(", ", all.keySet()));
        }
        return e;
    }
}
