package dev.dextrace.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's shape: its packages form no import circle, and no class grows past one screenful of jobs. */
class ArchitectureTest {
    /** A class longer than this does more than one job (the limit). */
    static final int MAX_LINES = 400;

    private static final JavaClasses MODEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dextrace.model");

    /** Every package is a slice, the root one (World) included. */
    private static final ArchRule NO_CYCLES = slices().matching("dev.dextrace.(**)").should().beFreeOfCycles();

    @Test
    void packagesAreFreeOfCycles() {
        NO_CYCLES.check(MODEL);
    }

    @Test
    void theCycleRuleFiresOnACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.dextrace.model.archfixture");
        AssertionError e = assertThrows(AssertionError.class, () -> NO_CYCLES.check(fixture));
        assertTrue(e.getMessage().contains("archfixture.up") && e.getMessage().contains("archfixture.down"), e.getMessage());
    }

    @Test
    void theFrameworkDoesNotKnowTheDriverPackage() {
        assertTrue(MODEL.stream().anyMatch(c -> c.getPackageName().equals("dev.dextrace.model.framework")),
                "the framework package must be imported for this check to mean anything");
        noClasses().that().resideInAPackage("dev.dextrace.model.framework..")
                .should().dependOnClassesThat().resideInAPackage("dev.dextrace.model.driver..").check(MODEL);
    }

    @Test
    void noMainClassIsLongerThanTheLimit() throws IOException {
        assertEquals(List.of(), longerThan(MAX_LINES), "classes over " + MAX_LINES + " lines");
    }

    @Test
    void theLineCountFindsLongClasses() throws IOException {
        // the check must see a long class: World is far over 10 lines
        assertTrue(longerThan(10).stream().anyMatch(s -> s.startsWith("dev/dextrace/model/World.java (")), "World is longer than 10 lines");
    }

    /** The model's main sources longer than {@code max} lines, as "path (n lines)". */
    private static List<String> longerThan(int max) throws IOException {
        Path root = Path.of("src", "main", "java");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
            assertTrue(sources.size() > 50, "expected the model's sources under " + root.toAbsolutePath() + ", found " + sources.size());
            return sources.stream().filter(p -> lines(p) > max)
                    .map(p -> root.relativize(p).toString().replace('\\', '/') + " (" + lines(p) + " lines)").sorted()
                    .collect(Collectors.toList());
        }
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
