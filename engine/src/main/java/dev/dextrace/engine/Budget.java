package dev.dextrace.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one budget table: for each level, every engine's figures and time limit. An engine reads its own row
 * ({@link #jcstress()}, {@link #lincheck()}, {@link #controlled()}); the campaign and {@link EngineMain}
 * validate a budget's name against this enum. Measured on 2 cores: README.md and BENCHMARKS.md.
 */
public enum Budget {
    /** What {@code mvn verify} runs: every expected rule still shows up reliably, well within 5 minutes. */
    SMOKE(new Jcstress(300, 3), new Lincheck(50), new Controlled(1, 20, 2, 5_000), Duration.ofMinutes(8), Duration.ofMinutes(2), Map.of()),
    /** The campaign job: longer sampling, more interleavings, a deeper exhaustive bound. */
    FULL(new Jcstress(300, 3), new Lincheck(60), new Controlled(2, 100, 3, 20_000), Duration.ofMinutes(15), Duration.ofMinutes(5),
            Map.of("jcstress", Duration.ofSeconds(60), "lincheck", Duration.ofSeconds(90))),
    /** For a design under suspicion: costs several times a full campaign. */
    TOUGH(new Jcstress(1_000, 5), new Lincheck(200), new Controlled(3, 300, 3, 50_000), Duration.ofMinutes(30), Duration.ofMinutes(10), Map.of());

    /**
     * jcstress: sampling time per fork ({@code -time}, ms) and rounds: a wrong design whose expected rules have not
     * all shown up gets another round, up to {@code rounds}.
     */
    public record Jcstress(int timeMillis, int rounds) {
    }

    /** Lincheck: interleavings per search (one search per design and scenario, repeated while it finds new rules). */
    public record Lincheck(int invocations) {
    }

    /** The controlled runtime: the exhaustive bound (preemptions), then PCT runs aimed at bugs of depth pctDepth. */
    public record Controlled(int preemptions, int pctRuns, int pctDepth, int maxRunsPerScenario) {
    }

    private final Jcstress jcstress;
    private final Lincheck lincheck;
    private final Controlled controlled;
    private final Duration engineLimit;
    private final Duration stopMargin;
    private final Map<String, Duration> shares;

    Budget(Jcstress jcstress, Lincheck lincheck, Controlled controlled, Duration engineLimit, Duration stopMargin,
           Map<String, Duration> shares) {
        this.shares = shares;
        this.jcstress = jcstress;
        this.lincheck = lincheck;
        this.controlled = controlled;
        this.engineLimit = engineLimit;
        this.stopMargin = stopMargin;
    }

    public Jcstress jcstress() {
        return jcstress;
    }

    public Lincheck lincheck() {
        return lincheck;
    }

    public Controlled controlled() {
        return controlled;
    }

    /** How long an engine's run may take before it stops itself and writes what it has (TIMED_OUT). */
    public Duration engineLimit() {
        return engineLimit;
    }

    /**
     * How long the campaign waits for an engine's process before it stops it from outside: the engine's own limit
     * plus a margin for the JVM start and writing its results, so the engine's own stop comes first.
     */
    public Duration processLimit() {
        return engineLimit.plus(stopMargin);
    }

    /**
     * An engine's share of the campaign's time, if it has one: it starts no design after its share is used and says how
     * far it got (the designs it did not reach are left to the engines without a share, which search them all). The
     * full budget, the campaign's default, gives the controlled engine every design and jcstress and Lincheck a share,
     * so the campaign fits its five minutes on 2 cores (BENCHMARKS.md); smoke and tough give no engine a share.
     */
    public Optional<Duration> share(String engine) {
        return Optional.ofNullable(shares.get(engine));
    }

    /** "smoke", as options and results.json spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The budget called {@code name}; otherwise an IllegalArgumentException naming the option and the budgets. */
    public static Budget named(String name) {
        return Arrays.stream(values()).filter(b -> b.label().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("--budget '" + name + "' is not known; budgets: "
                        + Arrays.stream(values()).map(Budget::label).collect(Collectors.joining(", "))));
    }
}
