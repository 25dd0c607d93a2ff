package dev.dextrace.stress;

import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.TestExecutor;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.DiskWriteCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.MuxCollector;
import org.openjdk.jcstress.infra.collectors.SerializedBufferCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.collectors.TestResultCollector;
import org.openjdk.jcstress.infra.grading.HTMLReportPrinter;
import org.openjdk.jcstress.infra.grading.ReportUtils;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** @param args jcstress command-line options ({@code -m}, {@code -time}, {@code -iters}, {@code -f}, {@code -c} ...) */
    Jcstress(List<String> args) throws Exception {
        this.args = List.copyOf(args);
        this.opts = options(this.args);
        OSSupport.init();
        VMSupport.initFlags(opts);
    }

    private static Options options(List<String> args) throws Exception {
        Options o = new Options(args.toArray(String[]::new));
        if (!o.parse()) {
            throw new IllegalArgumentException("jcstress does not accept the options " + args);
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
     * Runs the tests, each fork with {@code forkJvmArgs}, and returns what jcstress recorded, merged per
     * test, read back from {@code resultFile}. A test jcstress does not know or cannot schedule (more
     * actors than CPUs) is skipped exactly as jcstress would: silently, so the caller must compare the
     * returned tests with the ones it asked for.
     */
    Map<String, TestResult> run(Collection<String> tests, List<String> forkJvmArgs, Path resultFile, Path htmlDir,
                                TestResultCollector progress) throws Exception {
        Scheduler scheduler = new Scheduler(Topology.get(), opts.getCPUCount());
        List<TestConfig> configs = new ArrayList<>();
        for (String test : tests) {
            if (!TestList.tests().contains(test)) {
                continue;
            }
            TestInfo info = TestList.getInfo(test);
            List<SchedulingClass> classes = scheduler.scheduleClasses(info.threads(), opts.getCPUCount(), opts.affinityMode());
            // jcstress forks once per scheduling class; one is enough (a 2-core machine has one anyway) and keeps the budget fixed.
            for (SchedulingClass scl : classes.subList(0, Math.min(1, classes.size()))) {
                for (int f = 0; f < opts.getForks(); f++) {
                    configs.add(new TestConfig(opts, info, f, forkJvmArgs, CompileMode.UNIFIED, scl));
                }
            }
        }

        Files.createDirectories(resultFile.toAbsolutePath().getParent());
        DiskWriteCollector disk = new DiskWriteCollector(resultFile.toString());
        SerializedBufferCollector sink = new SerializedBufferCollector(MuxCollector.of(disk, progress));
        try {
            if (!configs.isEmpty()) {
                new TestExecutor(opts.verbosity(), sink, scheduler).runAll(configs);
            }
        } finally {
            sink.close();
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

        Map<String, TestResult> byTest = new TreeMap<>();
        ReportUtils.mergedByName(collected.getTestResults()).forEach(r -> byTest.put(r.getName(), r));
        return byTest;
    }
}
