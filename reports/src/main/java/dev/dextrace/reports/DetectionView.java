package dev.dextrace.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's "Detection power" section, from {@link Detection}: the targets, a table (per design and
 * engine: runs that found a declared rule, median and worst time to the first one; false alarms) and a
 * chart of the median times. {@link #text} prints the same table for the console.
 */
public record DetectionView(String runs, String generatedAt, List<TargetLine> targets, List<String> engines,
                            List<Row> rows, List<ReportView.Chart> charts) {

    public record TargetLine(String name, String status, String css, String detail) {
    }

    public record Row(String design, String declared, List<ReportView.Cell> cells, String foundByAny, String falseAlarms,
                      String falseAlarmsCss) {
    }

    public static DetectionView of(Detection d) {
        List<String> engines = engines(d);
        List<Row> rows = new ArrayList<>();
        List<ReportView.BarInput> bars = new ArrayList<>();
        for (Detection.DesignRow r : d.designs()) {
            List<ReportView.Cell> cells = new ArrayList<>();
            for (String e : engines) {
                Detection.EngineRow row = r.engines().get(e);
                cells.add(cell(r, row));
                if (!r.declaredClean() && row != null && row.medianMillis() != null) {
                    bars.add(new ReportView.BarInput(r.name() + " · " + e, Math.max(1, row.medianMillis()),
                            "median " + ReportView.duration(row.medianMillis()) + ", worst " + ReportView.duration(row.worstMillis())
                                    + " (" + row.found() + "/" + row.runs() + ")", "engine-" + e));
                }
            }
            rows.add(new Row(r.name(), r.declaredClean() ? "clean" : String.join(" ", r.expectedRules()), cells,
                    r.declaredClean() ? "—" : r.foundByAnyEngine() + "/" + r.runs(),
                    r.falseAlarmRuns() + "/" + r.runs(), r.falseAlarmRuns() == 0 ? "hit" : "miss"));
        }
        List<TargetLine> targets = d.targets().stream()
                .map(t -> new TargetLine(t.name(), t.holds() ? "holds" : "does not hold", t.holds() ? "hit" : "miss", t.detail()))
                .toList();
        List<ReportView.Chart> charts = bars.isEmpty() ? List.of()
                : List.of(ReportView.barChart("median time to first detection, wrong designs", bars, 34));
        String runs = d.runs().size() == d.runsPlanned() ? d.runs().size() + " runs"
                : d.runs().size() + " of " + d.runsPlanned() + " planned runs (interrupted)";
        return new DetectionView(runs, d.generatedAt(), targets, engines, rows, charts);
    }

    /** "10/10 found (all rules 10/10), median 0.3 s, worst 0.5 s" for a wrong design; "0/10 false alarms" for a clean one. */
    private static ReportView.Cell cell(Detection.DesignRow r, Detection.EngineRow row) {
        if (row == null) {
            return new ReportView.Cell("not run", "pending", "the engine did not run this design");
        }
        String alarmRules = row.falseAlarmRules().isEmpty() ? "" : " (" + String.join(" ", row.falseAlarmRules()) + ")";
        if (r.declaredClean()) {
            return new ReportView.Cell(row.falseAlarms() + "/" + row.runs() + " false alarms" + alarmRules,
                    row.falseAlarms() == 0 ? "hit" : "miss", "runs in which this engine reported a rule on a design declared clean");
        }
        String alarms = row.falseAlarms() == 0 ? "" : "; false alarms " + row.falseAlarms() + "/" + row.runs() + alarmRules;
        String text = row.found() + "/" + row.runs() + " found (all rules " + row.foundAll() + "/" + row.runs() + ")"
                + (row.medianMillis() == null ? "" : ", median " + ReportView.duration(row.medianMillis())
                + ", worst " + ReportView.duration(row.worstMillis())) + alarms;
        String css = row.falseAlarms() > 0 ? "miss" : row.found() == row.runs() ? "hit" : row.found() == 0 ? "pending" : "extra";
        return new ReportView.Cell(text, css, "runs in which this engine showed a declared rule; time from the start of its work on the design");
    }

    private static List<String> engines(Detection d) {
        Set<String> names = new TreeSet<>();
        d.designs().forEach(r -> names.addAll(r.engines().keySet()));
        return List.copyOf(names);
    }

    /** The table for the console: one line per design, one column per engine, then the targets. */
    public static String text(Detection d) {
        DetectionView v = of(d);
        StringBuilder sb = new StringBuilder("detection over ").append(v.runs()).append('\n');
        int width = v.rows().stream().mapToInt(r -> r.design().length()).max().orElse(6);
        for (Row r : v.rows()) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s", r.design()));
            for (int i = 0; i < v.engines().size(); i++) {
                sb.append("  ").append(v.engines().get(i)).append(": ").append(r.cells().get(i).text()).append(';');
            }
            sb.append("  false alarms ").append(r.falseAlarms()).append('\n');
        }
        v.targets().forEach(t -> sb.append("target: ").append(t.name()).append(": ").append(t.status().toUpperCase(Locale.ROOT))
                .append(" (").append(t.detail()).append(")\n"));
        return sb.toString().stripTrailing();
    }
}
