package dev.dextrace.reports;

import dev.dextrace.model.results.Results;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine of a campaign, run as a child JVM on this JVM's class path, its output passed through
 * as progress. A child that overruns its time is stopped; how it ended becomes the engine's status
 * when its results file does not say more.
 */
public record EngineProcess(String engine, String mainClass, List<String> jvmArgs, List<String> args, Path resultsFile,
                            Duration timeout) {

    /** How the child ended. */
    public record Outcome(Results.EngineStatus status, String reason) {
    }

    public Outcome run() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            return new Outcome(Results.EngineStatus.FAILED, "could not start: " + e.getMessage());
        }
        Thread stopChild = new Thread(p::destroy, "dextrace-stop-" + engine);
        Runtime.getRuntime().addShutdownHook(stopChild); // an interrupted campaign stops its engines too
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy(); // lets the engine's own shutdown hook write what it has
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                return new Outcome(Results.EngineStatus.TIMED_OUT, "stopped after " + timeout.toSeconds() + " s");
            }
            int code = p.exitValue();
            return code == 0 || code == 1 ? new Outcome(Results.EngineStatus.RAN, null)
                    : new Outcome(Results.EngineStatus.FAILED, "exited with code " + code);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return new Outcome(Results.EngineStatus.INTERRUPTED, "the campaign was interrupted");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is going down: the hook runs
            }
        }
    }
}
