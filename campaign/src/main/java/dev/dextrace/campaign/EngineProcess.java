package dev.dextrace.campaign;

import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.ProcessTree;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.Shard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One engine of a campaign, run as a child JVM on this JVM's class path, its output passed through
 * as progress. A child that overruns its time is stopped; how it ended becomes the engine's status
 * when its results file does not say more.
 */
public record EngineProcess(String engine, String mainClass, List<String> jvmArgs, List<String> args, Path resultsFile,
                            Duration timeout) {

    /** How long a stopped engine (and its forks) may take to write what it has before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(10);

    /** How the child ended; {@code hadWork} is false for an engine with no design in this shard, which starts no child. */
    public record Outcome(Results.EngineStatus status, String reason, boolean hadWork) {
        public Outcome(Results.EngineStatus status, String reason) {
            this(status, reason, true);
        }

        /** An engine all of whose designs are in other shards: it ran, on nothing. */
        static Outcome noWorkIn(Shard shard) {
            return new Outcome(Results.EngineStatus.RAN, "none of its designs is in shard " + shard, false);
        }

        /** An engine's processes together: the first that did not run says how the engine ended; else it ran. */
        static Outcome ofParts(List<Outcome> parts) {
            if (parts.size() <= 1) {
                return parts.isEmpty() ? NOT_STARTED : parts.get(0);
            }
            return parts.stream().filter(o -> o.status() != Results.EngineStatus.RAN).findFirst()
                    .orElse(new Outcome(Results.EngineStatus.RAN, null, parts.stream().anyMatch(Outcome::hadWork)));
        }
    }

    /** An engine the campaign did not start because it was being interrupted. */
    static final Outcome NOT_STARTED = new Outcome(Results.EngineStatus.INTERRUPTED, "not started: the campaign was interrupted");

    /**
     * The engines one campaign starts. Once {@link #stopAll} began (the campaign's shutdown hook), no engine
     * starts: the check and the start are one step, so an engine cannot slip in while the hook runs.
     */
    static final class Guard {
        private boolean stopping;
        private final Set<Process> running = new HashSet<>();
        private final Set<String> started = new HashSet<>();

        synchronized Optional<Process> start(String engine, ProcessBuilder pb) throws IOException {
            if (stopping) {
                return Optional.empty();
            }
            Process p = pb.start();
            running.add(p);
            started.add(engine);
            return Optional.of(p);
        }

        synchronized boolean stopping() {
            return stopping;
        }

        synchronized boolean started(String engine) {
            return started.contains(engine);
        }

        /** No engine starts from now on; the running ones and all their descendants end (leaves first), forcibly after the grace. */
        void stopAll(Duration grace) {
            List<Process> now;
            synchronized (this) {
                stopping = true;
                now = List.copyOf(running);
            }
            now.parallelStream().forEach(p -> ProcessTree.stop(p.toHandle(), true, grace));
        }
    }

    public Outcome run(Guard guard) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Process p;
        try {
            Optional<Process> started = guard.start(engine, new ProcessBuilder(cmd).inheritIO());
            if (started.isEmpty()) {
                return NOT_STARTED;
            }
            p = started.get();
        } catch (IOException e) {
            return new Outcome(Results.EngineStatus.FAILED, "could not start: " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(p.toHandle(), true, GRACE); // SIGTERM first: the engine's own hook writes what it has
                return new Outcome(Results.EngineStatus.TIMED_OUT, "stopped after " + timeout.toSeconds() + " s");
            }
            return classify(p.exitValue(), guard.stopping());
        } catch (InterruptedException e) {
            ProcessTree.stop(p.toHandle(), true, GRACE);
            Thread.currentThread().interrupt();
            return new Outcome(Results.EngineStatus.INTERRUPTED, "the campaign was interrupted");
        }
    }

    /**
     * What an engine's exit code says (see {@link EngineExit}): "ran" only for the engines' documented codes 0
     * and 3; a signal's code, or any code once the campaign is being interrupted, is "interrupted".
     */
    static Outcome classify(int code, boolean campaignStopping) {
        Optional<EngineExit> documented = EngineExit.of(code);
        if (documented.isPresent() && documented.get().ran()) {
            return new Outcome(Results.EngineStatus.RAN, null);
        }
        if (campaignStopping) {
            return new Outcome(Results.EngineStatus.INTERRUPTED, "stopped: the campaign was interrupted (exit code " + code + ")");
        }
        return switch (code) {
            case EngineExit.SIGINT -> new Outcome(Results.EngineStatus.INTERRUPTED, "interrupted by SIGINT (exit code 130)");
            case EngineExit.SIGTERM -> new Outcome(Results.EngineStatus.INTERRUPTED, "interrupted by SIGTERM (exit code 143)");
            case EngineExit.SIGKILL -> new Outcome(Results.EngineStatus.FAILED, "killed by SIGKILL, e.g. out of memory (exit code 137)");
            default -> new Outcome(Results.EngineStatus.FAILED, documented.map(d -> switch (d) {
                case CRASHED -> "crashed: an uncaught exception (exit code 1)";
                case USAGE -> "refused its options (exit code 2)";
                default -> "exited with code " + code;
            }).orElse("exited with code " + code));
        };
    }
}
