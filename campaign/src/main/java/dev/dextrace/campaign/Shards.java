package dev.dextrace.campaign;

import dev.dextrace.engine.Engine;
import dev.dextrace.engine.Folders;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.results.ReportInputException;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.Shard;
import dev.dextrace.model.scenario.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A campaign split into shards that a CI matrix or a Kubernetes Indexed Job runs side by side (issue 16), and
 * the join of their results. A unit of work is one engine on one design (all of the design's scenarios: an
 * engine stops a design's search once its declared rules showed, which a split by scenario would defeat);
 * {@link Shard#plan} balances the units by an estimate of their cost, the same in every shard.
 */
final class Shards {
    /** What {@code results.json}'s budget records for a shard: its identity, and the code it tested. */
    static final String SHARD = "shard";
    static final String CODE = "code";

    /**
     * Milliseconds one scenario of one design costs each engine at the full budget on 2 cores (BENCHMARKS.md), for a
     * unit without a measured cost: only the ratios matter, for balance. An engine not listed counts as the cheapest.
     */
    private static final Map<String, Long> ESTIMATE_PER_SCENARIO = Map.of("jcstress", 3_000L, "lincheck", 10_000L, "controlled", 1_000L);

    /**
     * Measured costs, {@code <engine>.<design>=<ms>}: the controlled engine's time per catalogue design varies 500-fold
     * (a wrong design stops at its rules, a correct one is searched to the bound), which no estimate by scenarios sees.
     */
    static final Properties MEASURED = measured();

    private static Properties measured() {
        Properties p = new Properties();
        try (InputStream in = Shards.class.getResourceAsStream("unit-costs.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shards' measured unit costs", e);
        }
        return p;
    }

    /** One engine on one design. */
    record Unit(String engine, DesignEntry design, int scenarios) {
        long cost() {
            String measured = MEASURED.getProperty(engine + "." + design.name());
            return measured != null ? Long.parseLong(measured.trim()) : scenarios * ESTIMATE_PER_SCENARIO.getOrDefault(engine, 1_000L);
        }

        String key() {
            return engine + "/" + design.type().getName();
        }
    }

    private Shards() {
    }

    /** Every unit of a campaign: each engine on each design that a selected scenario applies to, in campaign order. */
    static List<Unit> units(List<Engine> engines, List<DesignEntry> designs, List<Scenario> scenarios) {
        List<Unit> units = new ArrayList<>();
        for (Engine e : engines) {
            for (DesignEntry d : designs) {
                int n = (int) scenarios.stream().filter(s -> s.appliesTo(d)).count();
                if (n > 0) {
                    units.add(new Unit(e.name(), d, n));
                }
            }
        }
        return units;
    }

    /** A shard's designs per engine (every engine of the campaign a key, maybe with none), in campaign order. */
    static Map<String, List<DesignEntry>> designsOf(Shard shard, List<Engine> engines, List<Unit> units) {
        Map<String, List<DesignEntry>> mine = new LinkedHashMap<>();
        engines.forEach(e -> mine.put(e.name(), new ArrayList<>()));
        shard.mine(units, Unit::cost, Comparator.comparing(Unit::key)).forEach(u -> mine.get(u.engine()).add(u.design()));
        return mine;
    }

    /** A hash of the designs' class files: shards of one campaign must have tested the same code. */
    static String codeHash(List<DesignEntry> designs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (DesignEntry d : designs.stream().sorted(Comparator.comparing(x -> x.type().getName())).toList()) {
                sha.update(d.type().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String resource = d.type().getName().replace('.', '/') + ".class";
                try (InputStream in = d.type().getClassLoader().getResourceAsStream(resource)) {
                    if (in != null) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a design's class file", e);
        }
    }

    /** The shards' results found under a folder, checked to be of one campaign; what is missing is said, not guessed. */
    record Joined(Map<Integer, Results> byIndex, Map<Integer, Path> folders, int count, Map<String, Object> config, List<Integer> missing) {
    }

    /**
     * Reads every {@code results.json} below {@code dir} (a shard's report folder each, e.g. CI artifacts downloaded
     * side by side). Refuses results of different campaigns (filters, budget, engines, shard count, code) and two
     * results of one shard, with one line naming the files.
     */
    static Joined read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--shards: no folder " + dir);
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir, 4)) {
            files = all.filter(p -> p.getFileName().toString().equals("results.json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--shards: no results.json below " + dir);
        }
        Map<Integer, Results> byIndex = new TreeMap<>();
        Map<Integer, Path> folders = new TreeMap<>();
        Map<String, Object> config = null;
        Path first = null;
        int count = 0;
        for (Path f : files) {
            Results r;
            try {
                r = ResultsIO.read(f);
            } catch (ReportInputException e) {
                throw new IllegalArgumentException("--shards: " + f + " cannot be read: " + e.getMessage());
            }
            Object id = r.budget().get(SHARD);
            if (id == null) {
                throw new IllegalArgumentException("--shards: " + f + " is not a shard's results (no " + SHARD + " in its budget)");
            }
            Shard s = Shard.parse(id.toString());
            Map<String, Object> mine = configOf(r);
            if (config == null) {
                config = mine;
                first = f;
                count = s.count();
            } else if (!config.equals(mine) || count != s.count()) {
                throw new IllegalArgumentException("--shards: " + f + " is of another campaign than " + first + ": " + mine + " vs " + config
                        + " (" + s.count() + " vs " + count + " shards)");
            }
            if (byIndex.put(s.index(), r) != null) {
                throw new IllegalArgumentException("--shards: two results of shard " + s + " below " + dir + " (" + folders.get(s.index())
                        + " and " + f.getParent() + ")");
            }
            folders.put(s.index(), f.getParent());
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        return new Joined(byIndex, folders, count, config, missing);
    }

    /** What must be equal for two shards to be of one campaign. */
    private static Map<String, Object> configOf(Results r) {
        Map<String, Object> c = new TreeMap<>();
        for (String key : List.of("designs", "scenarios", "budget", "engines", CODE)) {
            c.put(key, Objects.toString(r.budget().get(key), ""));
        }
        return c;
    }

    /**
     * Each engine's results as if one engine run had made them: its entries of every design, from the shard that ran
     * that unit. A unit of a missing shard is left out (its design reads "not run" for that engine) and the engine's
     * status says which shard is missing. Findings' replay commands are pointed at the shard's replays, copied
     * into {@code out/replays/shard-<i>/}.
     */
    static List<CampaignMerge.EngineInput> inputs(Joined j, List<String> engines, Map<Integer, Map<String, List<DesignEntry>>> plan,
                                                  Path out) throws IOException {
        for (Map.Entry<Integer, Path> shard : j.folders().entrySet()) {
            Path replays = shard.getValue().resolve("replays");
            if (Files.isDirectory(replays)) {
                Folders.copyRecursively(replays, out.resolve("replays").resolve(COPIES + shard.getKey()));
            }
        }
        List<CampaignMerge.EngineInput> inputs = new ArrayList<>();
        for (String engine : engines) {
            List<Results.Design> designs = new ArrayList<>();
            Results.EngineStatus status = Results.EngineStatus.RAN;
            List<String> reasons = new ArrayList<>();
            long took = 0;
            for (Map.Entry<Integer, Results> shard : j.byIndex().entrySet()) {
                int index = shard.getKey();
                Results r = shard.getValue();
                Results.EngineRun run = r.engines().get(engine);
                if (run != null) {
                    took += run.durationMillis() == null ? 0 : run.durationMillis();
                    if (run.status() != Results.EngineStatus.RAN) {
                        status = run.status();
                        reasons.add("shard " + index + ": " + run.reason());
                    }
                }
                List<String> mine = plan.get(index).get(engine).stream().map(DesignEntry::name).toList();
                r.designs().stream().filter(d -> mine.contains(d.name())).forEach(d -> designs.add(onlyEngine(d, engine, index)));
            }
            for (int missing : j.missing()) {
                if (!plan.get(missing).get(engine).isEmpty()) {
                    status = Results.EngineStatus.NOT_RUN;
                    reasons.add("shard " + missing + "/" + j.count() + " is missing: " + plan.get(missing).get(engine).size()
                            + " of its designs not run");
                }
            }
            Results joined = new Results(Results.SCHEMA_VERSION, java.time.Instant.now().toString(), took, j.config(), null,
                    Map.of(engine, new Results.EngineRun(status, reasons.isEmpty() ? null : String.join("; ", reasons), took)), designs, null,
                    j.byIndex().values().stream().flatMap(r -> r.rules().stream()).distinct().toList()); // each shard declares its designs' custom rules
            inputs.add(new CampaignMerge.EngineInput(engine, joined, status, reasons.isEmpty() ? null : String.join("; ", reasons)));
        }
        return inputs;
    }

    /** Where the shards' replays are copied for the join, below the report folder {@code out}. */
    private static final String COPIES = "shard-";

    /**
     * Removes the shards' replays copied by {@link #inputs} once the joined cards have their own ({@code replays/<design>/},
     * shrunk from these copies, or the copy itself when it could not be shrunk): the report folder keeps the cards' replays only.
     */
    static void dropCopies(Path out) throws IOException {
        Path replays = out.resolve("replays");
        if (Files.isDirectory(replays)) {
            try (var shards = Files.list(replays)) {
                for (Path copy : shards.filter(p -> p.getFileName().toString().startsWith(COPIES)).toList()) {
                    Folders.deleteRecursively(copy);
                }
            }
        }
    }

    /** A design's entry with only {@code engine}'s part, its findings' replays pointed at the shard's copy. */
    private static Results.Design onlyEngine(Results.Design d, String engine, int shard) {
        Map<String, Results.DesignEngine> engines = new LinkedHashMap<>();
        if (d.engines().containsKey(engine)) {
            engines.put(engine, d.engines().get(engine));
        }
        List<Results.Finding> findings = d.findings().stream().filter(f -> engine.equals(f.engine())).map(f -> {
            String command = ReplayCommand.fileOf(f.replayCommand()).filter(file -> file.startsWith("replays"))
                    .map(file -> ReplayCommand.fromReportFolder(Path.of("replays", COPIES + shard).resolve(Path.of("replays").relativize(file))))
                    .orElse(f.replayCommand());
            return new Results.Finding(f.id(), f.engine(), f.scenario(), f.rule(), f.slot(), f.generation(), f.action(), f.queues(),
                    f.message(), f.events(), f.lincheckTrace(), command, f.seen(), f.switchesBefore(), f.switchesAfter(), f.followsFrom());
        }).toList();
        return new Results.Design(d.name(), d.description(), d.declared(), d.expectedRules(), d.foundRules(), d.verdict(), engines, findings);
    }
}
