package dev.dextrace.campaign;

import dev.dextrace.engine.Engine;
import dev.dextrace.model.results.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a campaign's engines side by side while the cores they keep busy ({@link Engine#cores()}) fit the machine's:
 * on 2 cores jcstress runs alone and Lincheck beside the controlled runtime. Engines start in the campaign's order; a
 * later one starts first when it fits and an earlier one does not yet. An engine wanting more cores than there are
 * runs alone. Once an engine was interrupted nothing more starts, and the rest are {@link EngineProcess#NOT_STARTED}.
 */
final class SideBySide {
    private final int cores;
    private int free;
    private boolean interrupted;

    SideBySide(int cores) {
        this.cores = cores;
        this.free = cores;
    }

    /** Each engine's outcome, in the engines' order. */
    Map<String, EngineProcess.Outcome> run(List<Engine> engines, Function<Engine, EngineProcess.Outcome> start) throws InterruptedException {
        Map<String, EngineProcess.Outcome> outcomes = new LinkedHashMap<>();
        List<Engine> waiting = new ArrayList<>(engines);
        List<Thread> running = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()) {
                if (interrupted) {
                    waiting.forEach(e -> outcomes.put(e.name(), EngineProcess.NOT_STARTED));
                    break;
                }
                Engine next = waiting.stream().filter(e -> need(e) <= free).findFirst().orElse(null);
                if (next == null) {
                    wait();
                    continue;
                }
                waiting.remove(next);
                free -= need(next);
                Thread t = new Thread(() -> {
                    EngineProcess.Outcome o = start.apply(next);
                    synchronized (this) {
                        outcomes.put(next.name(), o);
                        interrupted |= o.status() == Results.EngineStatus.INTERRUPTED;
                        free += need(next);
                        notifyAll();
                    }
                }, "dextrace-engine-" + next.name());
                running.add(t);
                t.start();
            }
        }
        for (Thread t : running) {
            t.join();
        }
        synchronized (this) {
            Map<String, EngineProcess.Outcome> ordered = new LinkedHashMap<>();
            engines.forEach(e -> ordered.put(e.name(), outcomes.get(e.name())));
            return ordered;
        }
    }

    private int need(Engine e) {
        return Math.max(1, Math.min(e.cores(), cores));
    }
}
