package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code --results results.json --out DIR}: writes DIR/index.html and prints one line per design. */
@Command(name = "dextrace-report",
        description = "Renders a dextrace results.json into a self-contained HTML race report (index.html).")
public final class ReportMain implements Callable<Integer> {

    /** Same code as picocli's usage errors, so scripts see one code for any bad input. */
    static final int BAD_INPUT = CommandLine.ExitCode.USAGE;
    static final int CANNOT_WRITE = 1;

    @Option(names = "--results", required = true, paramLabel = "<results.json>", description = "The results file to render.")
    private Path results;

    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Directory for index.html; results.json is copied beside it.")
    private Path outDir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with picocli's usage errors cut to one line too, like every other bad-input message. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ReportMain());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return BAD_INPUT;
        });
        return cli;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Results read;
        try {
            read = ResultsIO.read(results);
        } catch (ReportInputException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        Path page;
        try {
            page = ReportRenderer.write(read, results, outDir);
        } catch (IOException e) {
            err.println("error: cannot write the report to " + outDir + ": " + e);
            return CANNOT_WRITE;
        }
        out.println(page.toAbsolutePath().normalize());
        read.designs().forEach(d -> out.println(ReportView.summaryLine(d)));
        return CommandLine.ExitCode.OK;
    }
}
