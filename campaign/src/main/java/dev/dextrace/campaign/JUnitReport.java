package dev.dextrace.campaign;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A campaign's outcome as JUnit XML, the format CI tools show as test results: one test case per design and
 * engine (class name {@code dextrace.<engine>}, name the design). A failure when that engine's verdict on the
 * design is not as expected; an error when the engine failed, timed out or was interrupted; skipped when the
 * engine did not run, or ran but no selected scenario applies to the design.
 */
final class JUnitReport {
    static final String SUITE = "dextrace-campaign";

    /** One test case: {@code kind} null when it passed. */
    record Case(String engine, String design, Kind kind, String message) {
    }

    enum Kind {
        FAILURE("failure"), ERROR("error"), SKIPPED("skipped");

        final String element;

        Kind(String element) {
            this.element = element;
        }
    }

    private JUnitReport() {
    }

    /** The test cases of a merged campaign, designs in order, engines in the campaign's order. */
    static List<Case> cases(List<DesignEntry> designs, Results merged) {
        List<Case> cases = new ArrayList<>();
        for (DesignEntry d : designs) {
            Results.Design design = merged.designs().stream().filter(x -> x.name().equals(d.name())).findFirst().orElse(null);
            merged.engines().forEach((engine, run) -> cases.add(one(d, design, engine, run)));
        }
        return cases;
    }

    private static Case one(DesignEntry d, Results.Design design, String engine, Results.EngineRun run) {
        String why = run.reason() == null ? "" : ": " + run.reason();
        if (run.status() == Results.EngineStatus.NOT_RUN) {
            return new Case(engine, d.name(), Kind.SKIPPED, engine + " did not run" + why);
        }
        Results.DesignEngine mine = design == null ? null : design.engines().get(engine);
        if (run.status() != Results.EngineStatus.RAN && (mine == null || !mine.ran())) {
            return new Case(engine, d.name(), Kind.ERROR, engine + " " + run.status() + why);
        }
        if (mine == null || !mine.ran()) {
            return new Case(engine, d.name(), Kind.SKIPPED, engine + " did not search " + d.name()
                    + " (no selected scenario applies, or the engine's share of the budget ended before it" + why + ")");
        }
        Results.Grade v = Grading.grade(d, Set.copyOf(mine.rules()), true);
        return v == Results.Grade.AS_EXPECTED ? new Case(engine, d.name(), null, null)
                : new Case(engine, d.name(), Kind.FAILURE, d.name() + ": " + v + " on " + engine + " (found: " + mine.rules()
                + ", expected: " + d.violates().toJavaList() + ")");
    }

    /** Writes the cases as one {@code <testsuite>}, atomically. */
    static void write(List<Case> cases, Path file, long durationMillis, String timestamp) throws IOException {
        AtomicWrite.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
                xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", SUITE);
                xml.writeAttribute("tests", Integer.toString(cases.size()));
                xml.writeAttribute("failures", Long.toString(count(cases, Kind.FAILURE)));
                xml.writeAttribute("errors", Long.toString(count(cases, Kind.ERROR)));
                xml.writeAttribute("skipped", Long.toString(count(cases, Kind.SKIPPED)));
                xml.writeAttribute("time", seconds(durationMillis));
                xml.writeAttribute("timestamp", timestamp);
                for (Case c : cases) {
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", "dextrace." + c.engine());
                    xml.writeAttribute("name", c.design());
                    if (c.kind() != null) {
                        xml.writeEmptyElement(c.kind().element);
                        xml.writeAttribute("message", c.message());
                    }
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n");
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static long count(List<Case> cases, Kind kind) {
        return cases.stream().filter(c -> c.kind() == kind).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
