package dev.dextrace.reports;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The last step of a campaign: joins the engines' results, writes {@code results.json} and
 * {@code index.html} into the report folder, prints the path and one line per design. Exit 0 when
 * every design came out as expected, 1 otherwise (the report is written either way), 2 for bad input.
 */
@Command(name = "dextrace-campaign-report", mixinStandardHelpOptions = true,
        description = "Joins jcstress and Lincheck results into the race report.")
public final class CampaignMain implements Callable<Integer> {

    @Option(names = "--engine", paramLabel = "<name>=<results.json>", required = true,
            description = "An engine's results file, e.g. jcstress=stress-tests/target/campaign/jcstress.json (repeatable).")
    private Map<String, Path> engineFiles = new LinkedHashMap<>();

    @Option(names = "--designs", defaultValue = "all",
            description = "The designs the campaign ran: all, or catalogue names and class names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String designs;

    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "The report folder (index.html, results.json).")
    private Path out;

    @Option(names = "--budget", paramLabel = "<key>=<value>", description = "What the campaign's budget was, shown in the report (repeatable).")
    private Map<String, String> budget = new LinkedHashMap<>();

    @Option(names = "--started", paramLabel = "<epoch-millis>", defaultValue = "0",
            description = "When the campaign started, for the time it took.")
    private long started;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignMain()).execute(args));
    }

    @Override
    public Integer call() {
        List<DesignEntry> selected;
        try {
            selected = Catalogue.select(designs).toJavaList();
        } catch (IllegalArgumentException e) {
            System.err.println("error: --designs: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        List<CampaignMerge.EngineInput> inputs = new ArrayList<>();
        engineFiles.forEach((engine, file) -> inputs.add(CampaignMerge.read(engine, file)));
        long took = started > 0 ? System.currentTimeMillis() - started : 0;
        Results merged = CampaignMerge.merge(selected, inputs, new LinkedHashMap<>(budget), took);
        Path page;
        try {
            Files.createDirectories(out);
            Path json = out.resolve("results.json");
            ResultsIO.write(merged, json);
            page = ReportRenderer.write(merged, json, out);
        } catch (IOException e) {
            System.err.println("error: cannot write the report to " + out + ": " + e);
            return 1;
        }
        inputs.forEach(in -> System.out.println("engine " + in.engine() + ": " + in.status()
                + (in.reason() == null ? "" : " (" + in.reason() + ")")));
        merged.designs().forEach(d -> System.out.println(ReportView.summaryLine(d)));
        System.out.println("race report: " + page.toAbsolutePath().normalize());
        boolean allAsExpected = merged.designs().stream().allMatch(d -> d.verdict() == Results.Verdict.AS_EXPECTED);
        return allAsExpected ? 0 : 1;
    }
}
