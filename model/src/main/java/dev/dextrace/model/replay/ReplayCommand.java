package dev.dextrace.model.replay;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The one place a replay command is built (and read back): a replay file in, the command line that re-runs it
 * on the model's controlled runtime ({@link Replay}) out. The command runs the Maven profile {@value #PROFILE},
 * which compiles what is needed and forks {@link Replay} under the ivars agent with the classes of the designs on
 * its class path: model's profile in a dextrace checkout (the catalogue's designs), the generated pom's profile in
 * a project made from the archetype (the user's designs and the catalogue's). Engines name their files
 * absolutely, run from the project's root; the report names its copies relative to the report folder, run from
 * there (the profile runs {@link Replay} in the folder Maven was started in).
 */
public final class ReplayCommand {
    /** The Maven profile that replays, in model/pom.xml of the checkout and in the archetype's pom. */
    public static final String PROFILE = "replay";
    /** The Maven property naming the replay file, relative to the folder mvn runs in. */
    public static final String PROPERTY = "dextrace.replay";
    private static final String FILE = "-D" + PROPERTY + "=";
    /** What older reports' commands named the file with (exec:java): still read back. */
    private static final String OLD_FILE = "-Dexec.args=";

    /** Which pom holds the replay profile: where the campaign that found the interleaving ran. */
    public enum Where {
        /** dextrace's own checkout: the profile of the model module, which holds the catalogue. */
        CHECKOUT("-pl model "),
        /** A project made from the archetype (dextrace from a repository): the project's own pom, its classes on the class path. */
        PROJECT("");

        private final String module;

        Where(String module) {
            this.module = module;
        }

        /**
         * Where this JVM runs: in a checkout the model's classes come from its module's target/ folder (classes or the
         * jar the reactor built), in a user's project from the dextrace-model jar of a Maven repository.
         */
        public static Where current() {
            return CURRENT;
        }

        private static final Where CURRENT = of(location(Replay.class.getProtectionDomain().getCodeSource()));

        /** CHECKOUT for target/classes or target/*.jar of a module, the module and its parent each with a pom.xml. */
        static Where of(Path modelLocation) {
            Path target = modelLocation == null ? null : modelLocation.toAbsolutePath().getParent();
            if (target == null || target.getFileName() == null || !target.getFileName().toString().equals("target")) {
                return PROJECT; // e.g. a jar in a Maven repository
            }
            Path module = target.getParent();
            return module != null && Files.isRegularFile(module.resolve("pom.xml")) && module.getParent() != null
                    && Files.isRegularFile(module.getParent().resolve("pom.xml")) ? CHECKOUT : PROJECT;
        }

        private static Path location(CodeSource source) {
            try {
                return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** What precedes the file in a report's command here: a report folder sits in target/ of the project, two levels below its pom. */
    public static final String FROM_REPORT_FOLDER = fromReportFolderPrefix(Where.current());

    private ReplayCommand() {
    }

    /** The command prefix, before the file, run from a report folder of a project of kind {@code where}. */
    public static String fromReportFolderPrefix(Where where) {
        return prefix("-f ../../pom.xml ", where);
    }

    private static String prefix(String pom, Where where) {
        return "mvn -B -q " + pom + where.module + "-P" + PROFILE + " process-classes " + FILE;
    }

    /** The command for an engine's replay file, run from the project's root. */
    public static String of(Path replayFile) {
        return prefix("", Where.current()) + quote(replayFile.toAbsolutePath().toString());
    }

    /** The command for a replay file the report keeps, {@code relative} to the report folder and run from there. */
    public static String fromReportFolder(Path relative) {
        return fromReportFolder(relative, Where.current());
    }

    /** As {@link #fromReportFolder(Path)}, for a project of kind {@code where}. */
    public static String fromReportFolder(Path relative, Where where) {
        return fromReportFolderPrefix(where) + quote(relative.toString().replace('\\', '/'));
    }

    /** The replay file a command built here names; empty for none (a finding without a replay). */
    public static Optional<Path> fileOf(String command) {
        if (command == null) {
            return Optional.empty();
        }
        int at = command.lastIndexOf(FILE);
        int skip = FILE.length();
        if (at < 0) {
            at = command.indexOf(OLD_FILE);
            skip = OLD_FILE.length();
        }
        if (at < 0) {
            return Optional.empty();
        }
        String arg = command.substring(at + skip).trim();
        if (arg.length() >= 2 && arg.startsWith("'") && arg.endsWith("'")) {
            arg = arg.substring(1, arg.length() - 1).replace("'\\''", "'");
        }
        return arg.isEmpty() ? Optional.empty() : Optional.of(Path.of(arg));
    }

    /** What precedes the file in a command built here (the whole command when it names no file the way this class does). */
    public static String prefixOf(String command) {
        int at = command.lastIndexOf(FILE);
        return at < 0 ? command : command.substring(0, at + FILE.length());
    }

    /** A path as one shell word: plain paths stay as they are. */
    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
