package dev.dextrace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Scale" section: the scale study of the benchmarks module ({@code ScaleStudy}, its
 * {@code scale.json}), one chart per series: the cost of one sample as slots, bundle size and
 * completion queues grow, with the events per sample and what a full one-preemption search of the
 * controlled runtime takes beside each bar. Read as a JSON tree: the benchmarks module is not a
 * dependency of the report, and a field this view does not know is ignored.
 */
public record ScaleView(String generated, String machine, String load, List<ReportView.Chart> charts) {
    /** Where the measured study is kept, relative to the repository root (the campaign's working directory). */
    static final Path DEFAULT = Path.of("benchmarks", "scale.json");

    /**
     * The study in {@code file}, or in {@link #DEFAULT} when {@code file} is null and it exists; null when
     * there is none to show. A file that is given but unreadable is an error naming it.
     */
    public static ScaleView load(Path file) throws IOException {
        Path f = file != null ? file : Files.exists(DEFAULT) ? DEFAULT : null;
        if (f == null) {
            return null;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException("scale study " + f + " cannot be read: " + e.getMessage(), e);
        }
        return of(root);
    }

    /** {@link #load}, but a study that cannot be read only costs the report its scale section, with a warning. */
    public static ScaleView loadOrWarn(Path file) {
        try {
            return load(file);
        } catch (IOException e) {
            System.err.println("warning: " + e.getMessage() + "; the report has no scale section");
            return null;
        }
    }

    static ScaleView of(JsonNode root) {
        Map<String, List<ReportView.BarInput>> series = new LinkedHashMap<>();
        for (JsonNode p : root.path("points")) {
            double micros = p.path("oneThreadMicros").path("p50").asDouble();
            String label = p.path("parameter").asText("x") + " = " + p.path("x").asText();
            String shown = String.format(Locale.ROOT, "%.1f µs/sample, %s events, full search %.1f s", micros,
                    ReportView.count(p.path("events").asLong()), p.path("fullSearchSeconds").asDouble());
            series.computeIfAbsent(p.path("series").asText("series"), k -> new ArrayList<>())
                    .add(new ReportView.BarInput(label, Math.max(1, Math.round(micros * 10)), shown, "scale"));
        }
        List<ReportView.Chart> charts = new ArrayList<>();
        series.forEach((name, bars) -> charts.add(ReportView.barChart(name, bars, 46)));
        JsonNode m = root.path("machine");
        String machine = String.join(", ", m.path("availableProcessors").asText("?") + " cores", m.path("cpu").asText("?"),
                m.path("java").asText("?"), m.path("os").asText("?"));
        return new ScaleView(root.path("generated").asText("—"), machine,
                root.path("loadAverageBefore").asText("—") + " → " + root.path("loadAverageAfter").asText("—"), charts);
    }
}
