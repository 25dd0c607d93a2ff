package dev.dextrace.model.replay;

import dev.dextrace.model.World;
import dev.dextrace.model.driverkit.DriverFrames;
import dev.dextrace.model.monitor.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Shrinks a replay file's interleaving on the controlled runtime: delta debugging over context switches.
 * The schedule is cut into blocks (runs of one lane); a candidate drops the tail after a block (the rest
 * runs to completion) or swaps two neighbouring blocks (moving a switch), is replayed, and is kept when
 * the same rule still fires with fewer switches than the best so far. What is kept is the lane order the
 * replay actually took, so the result replays exactly; a run never gets more switches than it had.
 */
public final class Shrink {
    /** Replays one shrink may spend: each is a controlled run of a few milliseconds. */
    static final int MAX_REPLAYS = 150;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    /**
     * The shrunk interleaving: the replay file to keep, its switch counts before and after, the final
     * replay's verdict and where the driver caused each of its events (seq → file:line).
     */
    public record Result(ReplayFile replay, int switchesBefore, int switchesAfter, Verdict verdict,
                         Map<Long, String> sources) {
        public Result {
            sources = Map.copyOf(sources);
        }
    }

    private Shrink() {
    }

    /** Context switches of a schedule: places where the next event's lane is another than the last's. */
    public static int switches(List<String> lanes) {
        int n = 0;
        for (int i = 1; i < lanes.size(); i++) {
            if (!lanes.get(i).equals(lanes.get(i - 1))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Shrinks {@code file}, whose expected rule must name what to keep.
     *
     * @throws IllegalArgumentException when the file names no rule, or its interleaving does not show the rule
     */
    public static Result shrink(ReplayFile file) {
        String rule = file.expectedRule();
        if (rule == null) {
            throw new IllegalArgumentException("replay file of " + file.design() + " / " + file.scenario() + " names no rule to keep");
        }
        Run best = run(file, file.lanes());
        if (!best.verdict.rules().contains(rule)) {
            throw new IllegalArgumentException(file.design() + " / " + file.scenario() + ": the interleaving does not show " + rule
                    + " on replay (got " + best.verdict.outcome() + ")");
        }
        int before = Math.min(switches(file.lanes()), switches(best.lanes));
        int replays = 1;
        boolean shrunk = true;
        while (shrunk && replays < MAX_REPLAYS) {
            shrunk = false;
            for (List<String> candidate : candidates(best.lanes)) {
                if (replays++ >= MAX_REPLAYS) {
                    break;
                }
                Run r = run(file, candidate);
                if (r.verdict.rules().contains(rule) && switches(r.lanes) < switches(best.lanes)) {
                    best = r;
                    shrunk = true;
                    break;
                }
            }
        }
        // Sources only for the run that is kept: the shrinking runs pay nothing for them.
        Run last = runWithSources(file, best.lanes);
        ReplayFile kept = file.withRule(rule).withLanes(last.lanes);
        boolean same = last.verdict.rules().contains(rule);
        return same ? new Result(kept, before, switches(last.lanes), last.verdict, last.sources)
                : new Result(file.withRule(rule).withLanes(best.lanes), before, switches(best.lanes), best.verdict, Map.of());
    }

    /** {@code file} replayed once as it is, in sources mode: where the driver caused each event. */
    public static Result replayWithSources(ReplayFile file) {
        Run r = runWithSources(file, file.lanes());
        int switches = switches(r.lanes);
        return new Result(file.withLanes(r.lanes), switches, switches, r.verdict, r.sources);
    }

    /** Shortest first: every prefix of whole blocks, then every swap of two neighbouring blocks. */
    static List<List<String>> candidates(List<String> lanes) {
        List<List<String>> blocks = blocks(lanes);
        List<List<String>> out = new ArrayList<>();
        for (int k = 1; k < blocks.size(); k++) {
            out.add(concat(blocks.subList(0, k)));
        }
        for (int i = 0; i + 1 < blocks.size(); i++) {
            List<List<String>> swapped = new ArrayList<>(blocks);
            swapped.set(i, blocks.get(i + 1));
            swapped.set(i + 1, blocks.get(i));
            out.add(concat(swapped));
        }
        return out;
    }

    private static List<List<String>> blocks(List<String> lanes) {
        List<List<String>> blocks = new ArrayList<>();
        for (String lane : lanes) {
            if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).get(0).equals(lane)) {
                blocks.add(new ArrayList<>());
            }
            blocks.get(blocks.size() - 1).add(lane);
        }
        return blocks;
    }

    private static List<String> concat(List<List<String>> blocks) {
        List<String> all = new ArrayList<>();
        blocks.forEach(all::addAll);
        return all;
    }

    private record Run(List<String> lanes, Verdict verdict, Map<Long, String> sources) {
    }

    private static Run run(ReplayFile file, List<String> lanes) {
        World w = world(file, lanes);
        Verdict v = w.run(RUN_TIMEOUT);
        return new Run(w.lanesSinceStart(v), v, Map.of());
    }

    private static Run runWithSources(ReplayFile file, List<String> lanes) {
        World w = world(file, lanes);
        w.monitor().recordSources(Shrink::driverFrame);
        Verdict v = w.run(RUN_TIMEOUT);
        Map<Long, String> sources = new TreeMap<>();
        v.events().forEach(e -> w.monitor().source(e.seq()).ifPresent(s -> sources.put(e.seq(), s)));
        return new Run(w.lanesSinceStart(v), v, sources);
    }

    /**
     * The driver's frame that caused the event being recorded: the top frame outside dextrace and the JDK, when
     * dextrace's runtime called it (a lane running a block); none for the kernel's and hardware's own steps, nor
     * for the end of a run judged on the caller's thread (whose callers are no driver).
     */
    private static Optional<String> driverFrame() {
        StackTraceElement[] stack = Thread.currentThread().getStackTrace();
        StackTraceElement[] notOurs = java.util.Arrays.stream(stack)
                .filter(f -> !f.getClassName().startsWith("dev.dextrace.") || f.getClassName().startsWith(CATALOGUE))
                .toArray(StackTraceElement[]::new);
        String top = DriverFrames.top(notOurs);
        if (DriverFrames.NONE.equals(top)) {
            return Optional.empty();
        }
        int at = -1;
        for (int i = 0; i < stack.length && at < 0; i++) {
            String c = stack[i].getClassName();
            if ((!c.startsWith("dev.dextrace.") || c.startsWith(CATALOGUE)) && top.equals(DriverFrames.top(new StackTraceElement[]{stack[i]}))) {
                at = i;
            }
        }
        for (int i = at + 1; at >= 0 && i < stack.length; i++) {
            if (stack[i].getClassName().startsWith(RUNTIME)) {
                return Optional.of(top);
            }
        }
        return Optional.empty();
    }

    private static final String RUNTIME = "dev.dextrace.model.runtime.";

    /** dextrace's own code is never the driver's, except the catalogue's designs (and a user's classes, outside dev.dextrace). */
    private static final String CATALOGUE = "dev.dextrace.model.catalogue.";

    private static World world(ReplayFile file, List<String> lanes) {
        return file.load(lanes);
    }
}
