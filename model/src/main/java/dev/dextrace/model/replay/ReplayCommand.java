package dev.dextrace.model.replay;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place a replay command is built (and read back): a replay file in, the command line that re-runs it
 * on the model's controlled runtime ({@link Replay}) out. Engines name their files absolutely, run from the
 * checkout's root; the report names its copies relative to the report folder, run from there.
 */
public final class ReplayCommand {
    private static final String MAIN = " -Dexec.mainClass=" + Replay.class.getName() + " -Dexec.args=";
    private static final String FROM_ROOT = "mvn -B -q -pl model exec:java" + MAIN;
    /** What precedes the file in a report's command: a report folder sits in target/ of a checkout, two levels below the root pom. */
    public static final String FROM_REPORT_FOLDER = "mvn -B -q -f ../../pom.xml -pl model exec:java" + MAIN;

    private ReplayCommand() {
    }

    /** The command for an engine's replay file, run from the checkout's root. */
    public static String of(Path replayFile) {
        return FROM_ROOT + quote(replayFile.toAbsolutePath().toString());
    }

    /** The command for a replay file the report keeps, {@code relative} to the report folder and run from there. */
    public static String fromReportFolder(Path relative) {
        return FROM_REPORT_FOLDER + quote(relative.toString().replace('\\', '/'));
    }

    /** The replay file a command built here names; empty for none (a finding without a replay). */
    public static Optional<Path> fileOf(String command) {
        int at = command == null ? -1 : command.indexOf("-Dexec.args=");
        if (at < 0) {
            return Optional.empty();
        }
        String arg = command.substring(at + "-Dexec.args=".length()).trim();
        if (arg.length() >= 2 && arg.startsWith("'") && arg.endsWith("'")) {
            arg = arg.substring(1, arg.length() - 1).replace("'\\''", "'");
        }
        return Optional.of(Path.of(arg));
    }

    /** A path as one shell word: plain paths stay as they are. */
    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
