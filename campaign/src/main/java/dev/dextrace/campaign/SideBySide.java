package dev.dextrace.campaign;

import dev.dextrace.engine.Engine;
import dev.dextrace.model.results.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a campaign's engines side by side while the cores they keep busy ({@link Engine#cores()}) fit the machine's:
 * on 2 cores jcstress runs alone and Lincheck beside the controlled runtime. Engines start in the campaign's order; a
 * later one starts first when it fits and an earlier one does not yet. An engine wanting more cores than there are
 * runs alone. Once every engine started, a core that comes free goes to another process (a {@link Part}) of an engine
 * that still has designs no process of it claimed ({@code moreWork}): the engines end together instead of one
 * finishing alone on one core. Once an engine was interrupted nothing more starts, and the rest are
 * {@link EngineProcess#NOT_STARTED}.
 */
final class SideBySide {
    /** One process of an engine: the first is 1. */
    record Part(Engine engine, int number) {
    }

    private final int cores;
    private int free;
    private boolean interrupted;

    SideBySide(int cores) {
        this.cores = cores;
        this.free = cores;
    }

    /** Each engine's outcome (its processes' together, {@link EngineProcess.Outcome#ofParts}), in the engines' order. */
    Map<String, EngineProcess.Outcome> run(List<Engine> engines, Function<Part, EngineProcess.Outcome> start, Predicate<Engine> moreWork)
            throws InterruptedException {
        Map<String, List<EngineProcess.Outcome>> outcomes = new LinkedHashMap<>();
        engines.forEach(e -> outcomes.put(e.name(), new ArrayList<>()));
        List<Engine> waiting = new ArrayList<>(engines);
        Map<Engine, Integer> started = new LinkedHashMap<>();
        Map<Engine, Integer> running = new LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        synchronized (this) {
            while (true) {
                if (interrupted) {
                    waiting.forEach(e -> outcomes.get(e.name()).add(EngineProcess.NOT_STARTED));
                    break;
                }
                Engine next = next(waiting, running, moreWork);
                if (next == null) {
                    if (waiting.isEmpty() && running.isEmpty()) {
                        break;
                    }
                    wait();
                    continue;
                }
                waiting.remove(next);
                Part part = new Part(next, started.merge(next, 1, Integer::sum));
                running.merge(next, 1, Integer::sum);
                free -= need(next);
                Thread t = new Thread(() -> {
                    EngineProcess.Outcome o = start.apply(part);
                    synchronized (this) {
                        outcomes.get(next.name()).add(o);
                        interrupted |= o.status() == Results.EngineStatus.INTERRUPTED;
                        free += need(next);
                        running.computeIfPresent(next, (e, n) -> n == 1 ? null : n - 1);
                        notifyAll();
                    }
                }, "dextrace-engine-" + next.name() + "-" + part.number());
                threads.add(t);
                t.start();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        synchronized (this) {
            Map<String, EngineProcess.Outcome> each = new LinkedHashMap<>();
            outcomes.forEach((engine, os) -> each.put(engine, EngineProcess.Outcome.ofParts(os)));
            return each;
        }
    }

    /**
     * What to start now: the first waiting engine that fits; once none waits, another process of a running engine
     * with designs left, if it fits. Null: nothing until a process ends.
     */
    private Engine next(List<Engine> waiting, Map<Engine, Integer> running, Predicate<Engine> moreWork) {
        if (!waiting.isEmpty()) {
            return waiting.stream().filter(e -> need(e) <= free).findFirst().orElse(null);
        }
        return running.keySet().stream().filter(e -> need(e) <= free && moreWork.test(e)).findFirst().orElse(null);
    }

    private int need(Engine e) {
        return Math.max(1, Math.min(e.cores(), cores));
    }
}
