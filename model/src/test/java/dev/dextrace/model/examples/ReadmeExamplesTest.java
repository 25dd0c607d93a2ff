package dev.dextrace.model.examples;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's examples compile and run: "scripting an ordering" is {@link #scriptAnOrdering()} line for
 * line, "adding an invariant" is {@link NoBlockingInInterruptHandler}; a test checks README still
 * shows exactly this code.
 */
class ReadmeExamplesTest {
    private static final Path SOURCES = Path.of("src/test/java/dev/dextrace/model/examples");

    /** A user's driver, as README calls it. */
    static final class MyDriver extends BundledRecommended {
    }

    @Test
    void scriptAnOrdering() {
        World w = World.builder(MyDriver::new)
                .controlled(Strategy.script()
                        .run("Default", Events.hardwareStart(0))          // Process runs until it starts slot 0 ...
                        .run("InterruptQueue", Events.complete(0)))       // ... then the completion overtakes it
                .build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        Verdict v = w.run(Duration.ofSeconds(10));
        assertTrue(v.isClean(), v::describe);                    // describe(): each violation with its events
    }

    @Test
    void readmeShowsTheCodeTheTestsRun() throws IOException {
        List<List<String>> blocks = javaBlocks(Files.readString(Path.of("../README.md")));
        assertTrue(containsInOrder(read("ReadmeExamplesTest.java"), blocks.get(blocks.size() - 2)), "the scripting example");
        assertTrue(containsInOrder(read("NoBlockingInInterruptHandler.java"), blocks.get(blocks.size() - 1)), "the invariant example");
        assertEquals(List.of("a", "b"), javaBlocks("x\n```java\n a\n\nb \n```\ny").get(0), "the check reads blocks as it should");
    }

    private static List<String> read(String file) throws IOException {
        return trimmed(Files.readString(SOURCES.resolve(file)));
    }

    /** README's ```java blocks up to the invariant example (the last two are the two examples). */
    private static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(trimmed(m.group(1)));
            if (m.group(1).contains("implements Invariant")) {
                break;
            }
        }
        return out;
    }

    private static List<String> trimmed(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static boolean containsInOrder(List<String> source, List<String> block) {
        int at = 0;
        for (String line : block) {
            int found = source.subList(at, source.size()).indexOf(line);
            if (found < 0) {
                return false;
            }
            at += found + 1;
        }
        return true;
    }
}
