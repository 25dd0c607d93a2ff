package dev.dextrace.campaign;

import dev.dextrace.reports.ReportRenderer;
import dev.dextrace.reports.ScaleView;
import dev.dextrace.reports.Detection;
import dev.dextrace.reports.DetectionView;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.reports.Bugs;
import dev.dextrace.model.results.ReportInputException;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The detection benchmark ({@code CampaignMain --runs R}, R above 1): runs the campaign R times, each
 * in a folder of its own under the work folder ({@code run-1} ... {@code run-R}), and joins what the
 * runs found into {@code detection.json} and the race report: the last run's report with a "Detection
 * power" section. An interrupted benchmark keeps the runs it finished. Exit 0 when the targets hold,
 * 1 otherwise, 2 for bad options.
 */
final class DetectionBenchmark {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final int runs;
    private final List<String> runArgs;
    private final Map<String, Object> shownBudget;
    private final Path work;
    private final Path out;
    private final Path scale;
    private final List<DesignEntry> selected;
    /** The runs that left results, their wall times and their folders, in order. */
    private final List<Results> done = new ArrayList<>();
    private final List<Long> millis = new ArrayList<>();
    private final List<Path> reports = new ArrayList<>();
    private boolean written;

    /**
     * @param runArgs     the options of one campaign run, without --work, --out and --runs
     * @param shownBudget what the report's header shows as the budget
     */
    DetectionBenchmark(int runs, List<String> runArgs, Map<String, Object> shownBudget, Path work, Path out, Path scale,
                       List<DesignEntry> selected) {
        this.runs = runs;
        this.runArgs = List.copyOf(runArgs);
        this.shownBudget = shownBudget;
        this.work = work;
        this.out = out;
        this.scale = scale;
        this.selected = selected;
    }

    int run() {
        Thread onInterrupt = new Thread(this::write, "dextrace-detection-report");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        for (int i = 1; i <= runs; i++) {
            System.out.println("=== detection run " + i + " of " + runs + " ===");
            Path dir = work.resolve("run-" + i);
            long start = System.currentTimeMillis();
            List<String> args = new ArrayList<>(runArgs);
            args.addAll(List.of("--work", dir.resolve("engines").toString(), "--out", dir.resolve("report").toString()));
            int code = new CommandLine(new CampaignMain()).execute(args.toArray(String[]::new));
            if (code == CommandLine.ExitCode.USAGE) {
                return code; // the campaign named the bad option
            }
            Results r;
            try {
                r = ResultsIO.read(dir.resolve("report").resolve("results.json"));
            } catch (ReportInputException e) {
                System.err.println("error: run " + i + " left no readable results: " + e.getMessage());
                continue;
            }
            synchronized (this) {
                done.add(r);
                millis.add(System.currentTimeMillis() - start);
                reports.add(dir.resolve("report"));
            }
        }
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        Detection d = write();
        return d != null && d.targets().stream().allMatch(Detection.Target::holds) ? 0 : 1;
    }

    /** Joins the finished runs, writes detection.json and the report, prints the table; once. */
    private synchronized Detection write() {
        if (written || done.isEmpty()) {
            return null;
        }
        written = true;
        Map<String, DesignEntry> byName = selected.stream().collect(Collectors.toMap(DesignEntry::name, Function.identity()));
        Detection d = Detection.of(done, millis, runs, shownBudget, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                (design, rule) -> byName.containsKey(design) && byName.get(design).foresees(rule));
        try {
            Files.createDirectories(out);
            Path json = out.resolve("detection.json");
            JSON.writeValue(json.toFile(), d);
            Path lastRun = reports.get(reports.size() - 1);
            Path page = ReportRenderer.write(done.get(done.size() - 1), lastRun.resolve("results.json"), out, d,
                    ScaleView.loadOrWarn(scale));
            Bugs.copyReplays(done.get(done.size() - 1), lastRun, out);
            if (Files.exists(lastRun.resolve("junit.xml"))) { // CI's view: the last run's test cases
                Files.copy(lastRun.resolve("junit.xml"), out.resolve("junit.xml"), StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println(DetectionView.text(d));
            System.out.println("detection: " + json.toAbsolutePath().normalize());
            System.out.println("race report: " + page.toAbsolutePath().normalize());
        } catch (IOException e) {
            System.err.println("error: cannot write the detection report to " + out + ": " + e);
        }
        return d;
    }
}
