package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Renders the self-contained {@code index.html} race report from {@link Results}. */
public final class ReportRenderer {

    /** Compiled once; a compiled Mustache template is safe to execute concurrently. */
    private static final Mustache TEMPLATE =
            new DefaultMustacheFactory("dev/dextrace/reports").compile("report.html.mustache");

    private ReportRenderer() {
    }

    public static String render(Results results) {
        return render(results, null, null);
    }

    /** With the detection benchmark's and the scale study's sections, each left out when null. */
    public static String render(Results results, Detection detection, ScaleView scale) {
        StringWriter html = new StringWriter();
        try {
            TEMPLATE.execute(html, ReportView.of(results, detection, scale)).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return html.toString();
    }

    /**
     * Writes {@code outDir/index.html} and puts the results file it came from beside it, copied byte for
     * byte so fields this renderer does not know survive. Returns the page's path.
     */
    public static Path write(Results results, Path source, Path outDir) throws IOException {
        return write(results, source, outDir, null, null);
    }

    /** {@link #write(Results, Path, Path)} with the optional sections of {@link #render(Results, Detection, ScaleView)}. */
    public static Path write(Results results, Path source, Path outDir, Detection detection, ScaleView scale) throws IOException {
        Files.createDirectories(outDir);
        Path page = outDir.resolve("index.html");
        Files.writeString(page, render(results, detection, scale), StandardCharsets.UTF_8);
        Path copy = outDir.resolve("results.json");
        if (!Files.exists(copy) || !Files.isSameFile(source, copy)) {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return page;
    }
}
