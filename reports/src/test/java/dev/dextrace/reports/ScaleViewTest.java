package dev.dextrace.reports;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scale study's section of the report. */
class ScaleViewTest {
    static Path fixture() {
        try {
            return Path.of(ScaleViewTest.class.getResource("/scale-fixture.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneChartPerSeriesOneBarPerPointEscaped() throws IOException {
        ScaleView v = ScaleView.load(fixture());
        assertEquals(2, v.charts().size());
        assertEquals(6, v.charts().get(0).bars().size(), "slots 8 ... 256");
        assertEquals("slots = 8", v.charts().get(0).bars().get(0).label());
        assertTrue(v.charts().get(0).bars().get(0).count().contains("µs/sample"));
        Document page = Jsoup.parse(ReportRenderer.render(Fixture.results(), null, v));
        assertEquals(2, page.select("#scale figure").size());
        assertTrue(page.select("#scale b").isEmpty(), "a series name is text, not markup");
        assertTrue(page.select("#scale figcaption").get(0).text().contains("<b>3</b>"));
        assertTrue(page.select("#detection").isEmpty(), "no detection given, no section");
    }

    @Test
    void aBrokenStudyIsAnErrorNamingTheFileAndCostsOnlyTheSection(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("scale.json"), "{ \"points\": [");
        IOException e = assertThrows(IOException.class, () -> ScaleView.load(broken));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        assertNull(ScaleView.loadOrWarn(broken));
    }

    @Test
    void withoutAFileAndWithoutTheDefaultThereIsNoSection() throws IOException {
        // the tests run in reports/, where benchmarks/scale.json does not exist
        assertNull(ScaleView.load(null));
    }
}
