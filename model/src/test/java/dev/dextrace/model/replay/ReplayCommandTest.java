package dev.dextrace.model.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest {
    @Test
    void aReportFoldersCommandRunsTheReplayProfileOfItsKindOfProjectAndNamesItsFile() {
        Path file = Path.of("replays", "double-complete", "1-SLOT-4.replay");
        String checkout = ReplayCommand.fromReportFolder(file, ReplayCommand.Where.CHECKOUT);
        String project = ReplayCommand.fromReportFolder(file, ReplayCommand.Where.PROJECT);
        assertEquals("mvn -B -q -f ../../pom.xml -pl model -Preplay process-classes -Ddextrace.replay=replays/double-complete/1-SLOT-4.replay", checkout);
        assertEquals("mvn -B -q -f ../../pom.xml -Preplay process-classes -Ddextrace.replay=replays/double-complete/1-SLOT-4.replay", project);
        assertEquals(file, ReplayCommand.fileOf(checkout).orElseThrow());
        assertEquals(file, ReplayCommand.fileOf(project).orElseThrow());
        assertEquals(ReplayCommand.fromReportFolderPrefix(ReplayCommand.Where.PROJECT), ReplayCommand.prefixOf(project));
    }

    @Test
    void anOddPathIsOneShellWordAndReadsBack() {
        Path odd = Path.of("/tmp/a b/it's.replay");
        String command = ReplayCommand.of(odd);
        assertTrue(command.endsWith("'/tmp/a b/it'\\''s.replay'"), command);
        assertEquals(odd, ReplayCommand.fileOf(command).orElseThrow());
    }

    @Test
    void olderReportsCommandsStillNameTheirFileAndNoCommandNamesNone() {
        String old = "mvn -B -q -f ../../pom.xml -pl model exec:java -Dexec.mainClass=dev.dextrace.model.replay.Replay -Dexec.args=replays/d/1-Q-3.replay";
        assertEquals(Path.of("replays/d/1-Q-3.replay"), ReplayCommand.fileOf(old).orElseThrow());
        assertTrue(ReplayCommand.fileOf(null).isEmpty());
        assertTrue(ReplayCommand.fileOf("echo nothing").isEmpty());
    }

    /** model's classes from a module's target/ of a two-level checkout: the checkout's command; from a repository's jar: the project's. */
    @Test
    void theKindOfProjectIsWhereTheModelsClassesComeFrom(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dextrace");
        Files.createDirectories(root.resolve("model/target/classes"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("model/pom.xml"), "<project/>");
        assertEquals(ReplayCommand.Where.CHECKOUT, ReplayCommand.Where.of(root.resolve("model/target/classes")));
        assertEquals(ReplayCommand.Where.CHECKOUT, ReplayCommand.Where.of(root.resolve("model/target/dextrace-model-0.1.0-SNAPSHOT.jar")));
        // A repository inside some project's target/ (the archetype's integration test) is still a repository.
        Path jar = root.resolve("archetype/target/it-repo/dev/dextrace/dextrace-model/0.1.0-SNAPSHOT/dextrace-model-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(root.resolve("archetype/pom.xml"), "<project/>");
        assertEquals(ReplayCommand.Where.PROJECT, ReplayCommand.Where.of(jar));
        assertEquals(ReplayCommand.Where.PROJECT, ReplayCommand.Where.of(null));
        // This build's model is the checkout's: its commands are model's.
        assertEquals(ReplayCommand.Where.CHECKOUT, ReplayCommand.Where.current());
        assertTrue(ReplayCommand.FROM_REPORT_FOLDER.contains(" -pl model "), ReplayCommand.FROM_REPORT_FOLDER);
        assertFalse(ReplayCommand.fromReportFolderPrefix(ReplayCommand.Where.PROJECT).contains("-pl"));
    }
}
