package dev.dextrace.stress;

import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.TestExecutor;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.DiskWriteCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.collectors.TestResultCollector;
import org.openjdk.jcstress.infra.grading.HTMLReportPrinter;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.infra.runners.TestList;
import org.openjdk.jcstress.os.OSSupport;
import org.openjdk.jcstress.os.Scheduler;
import org.openjdk.jcstress.os.SchedulingClass;
import org.openjdk.jcstress.os.topology.Topology;
import org.openjdk.jcstress.vm.CompileMode;
import org.openjdk.jcstress.vm.VMSupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * jcstress 0.16's own machinery (forked runner, scheduler, binary result file, HTML report), driven
 * per design. Why not {@code org.openjdk.jcstress.Main} once per design: every invocation probes the JVM
 * with some 25 short-lived VMs (about 10 s on 2 busy cores, most of the smoke budget over 18 designs),
 * and its {@code -jvmArgs} are fixed for the whole invocation. Here the probing is done once, and each
 * design's forks get their own {@code -Ddextrace.design}.
 */
final class Jcstress {
    private final List<String> args;
    private final Options opts;
    private final Map<Integer, Options> withTime = new HashMap<>();

    /** @param args jcstress command-line options ({@code -m}, {@code -time}, {@code -iters}, {@code -f}, {@code -c} ...) */
    Jcstress(List<String> args) throws Exception {
        this.args = List.copyOf(args);
        this.opts = options(this.args);
        probeOnce(opts);
    }

    private static boolean probed;

    /** jcstress keeps what it learns about the JVM in static state, so one JVM (a test run, say) probes once. */
    private static synchronized void probeOnce(Options opts) {
        if (!probed) {
            OSSupport.init();
            VMSupport.initFlags(opts);
            probed = true;
        }
    }

    private static Options options(List<String> args) throws Exception {
        Options o = new Options(args.toArray(String[]::new));
        if (!o.parse()) {
            throw new IllegalArgumentException("jcstress does not accept the options " + args);
        }
        return o;
    }

    /**
     * A test for jcstress to run, each fork with {@code jvmArgs} (distinct per job: one test class serves many jobs,
     * told apart by them) sampling for {@code timeMillis}; {@code covers} names what its fork samples (the scenarios).
     */
    record Job(List<String> covers, String test, List<String> jvmArgs, int timeMillis) {
        Job {
            covers = List.copyOf(covers);
            jvmArgs = List.copyOf(jvmArgs);
        }

        String label() {
            return String.join(",", covers);
        }

        /** The job whose fork gave {@code r}, or null. */
        static Job of(Collection<Job> jobs, TestResult r) {
            return jobs.stream().filter(j -> r.getConfig() != null && j.test.equals(r.getName()) && j.jvmArgs.equals(r.getConfig().jvmArgs))
                    .findFirst().orElse(null);
        }
    }

    /** What one fork recorded, and the job it ran. */
    record Forked(Job job, TestResult result) {
    }

    /** Which jobs to run next, having seen every fork so far (none: the run ends). */
    interface Rounds {
        List<Job> next(int round, Collection<TestResult> soFar);
    }

    /** One fork per known, schedulable job; the fork id is the round, so jcstress's report tells rounds apart. */
    private List<TestConfig> configs(Collection<Job> jobs, Scheduler scheduler, int round) throws Exception {
        List<TestConfig> configs = new ArrayList<>();
        for (Job job : jobs) {
            if (!TestList.tests().contains(job.test)) {
                continue;
            }
            TestInfo info = TestList.getInfo(job.test);
            Options forJob = optionsWithTime(job.timeMillis);
            List<SchedulingClass> classes = scheduler.scheduleClasses(info.threads(), forJob.getCPUCount(), forJob.affinityMode());
            // jcstress forks once per scheduling class; one is enough (a 2-core machine has one anyway) and keeps the budget fixed.
            for (SchedulingClass scl : classes.subList(0, Math.min(1, classes.size()))) {
                for (int f = 0; f < forJob.getForks(); f++) {
                    configs.add(new TestConfig(forJob, info, round * forJob.getForks() + f, job.jvmArgs, CompileMode.UNIFIED, scl));
                }
            }
        }
        return configs;
    }

    /** A fork's sampling time is read from the options ({@code TestConfig.time}), so a job of its own time has options of its own. */
    private Options optionsWithTime(int timeMillis) throws Exception {
        Options o = withTime.get(timeMillis);
        if (o == null) {
            o = options(JcstressOptions.withTime(args, timeMillis));
            withTime.put(timeMillis, o);
        }
        return o;
    }

    /** Why a test asked for is missing from the results: what jcstress itself does not say. */
    String whyNotRun(String test) {
        if (!TestList.tests().contains(test)) {
            return "jcstress has no test " + test + " (was it compiled with jcstress's annotation processor?)";
        }
        int actors = TestList.getInfo(test).threads();
        return "jcstress skipped it: " + actors + " actors, " + opts.getCPUCount() + " CPU(s) to run them on";
    }

    /**
     * Runs jobs in rounds, as {@code rounds} says after each round (having seen every result so far). Returns every
     * fork jcstress recorded, with its job, as read back from {@code resultFile}. A test jcstress does not know or cannot
     * schedule (more actors than CPUs) is skipped exactly as jcstress would: silently, so the caller must compare what
     * ran with what it asked for.
     */
    List<Forked> run(Path resultFile, Path htmlDir, TestResultCollector progress, Rounds rounds) throws Exception {
        Scheduler scheduler = new Scheduler(Topology.get(), opts.getCPUCount());
        Files.createDirectories(resultFile.toAbsolutePath().getParent());
        DiskWriteCollector disk = new DiskWriteCollector(resultFile.toString());
        Queue<TestResult> soFar = new ConcurrentLinkedQueue<>();
        // Synchronous, so every result of a round is in soFar when runAll returns; the executor adds from several threads.
        TestResultCollector sink = r -> {
            soFar.add(r);
            synchronized (this) {
                disk.add(r);
                progress.add(r);
            }
        };
        Set<Job> asked = new LinkedHashSet<>();
        try {
            for (int round = 0; ; round++) {
                List<Job> jobs = rounds.next(round, List.copyOf(soFar));
                asked.addAll(jobs);
                List<TestConfig> configs = configs(jobs, scheduler, round);
                if (configs.isEmpty()) {
                    break;
                }
                new TestExecutor(opts.verbosity(), sink, scheduler).runAll(configs);
            }
        } finally {
            disk.close();
        }

        InProcessCollector collected = new InProcessCollector();
        DiskReadCollector read = new DiskReadCollector(resultFile.toString(), collected);
        try {
            read.dump();
        } finally {
            read.close();
        }
        List<String> htmlArgs = new ArrayList<>(args);
        htmlArgs.addAll(List.of("-r", htmlDir.toString()));
        new HTMLReportPrinter(options(htmlArgs), collected, System.out).work();

        // jcstress merges by test class; the jobs of one class are told apart by their forks' options.
        List<Forked> forks = new ArrayList<>();
        for (TestResult r : collected.getTestResults()) {
            Job job = Job.of(asked, r);
            if (job != null) {
                forks.add(new Forked(job, r));
            }
        }
        return forks;
    }
}
